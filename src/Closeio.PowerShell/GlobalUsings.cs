// The namespaces nearly every file of this project uses, once for the project.
global using System.Management.Automation;
global using Closeio.Core;
global using Closeio.Core.Http;
global using Closeio.Core.Output;
global using Closeio.Core.Queries;
global using Closeio.Core.Records;
global using Closeio.Core.Secrets;
global using Closeio.Core.State;
global using Closeio.Core.Streams;
global using Closeio.Core.Sync;
global using Closeio.PowerShell.Completers;
global using Closeio.PowerShell.Internal;
