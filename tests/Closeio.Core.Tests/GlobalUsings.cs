// The namespaces nearly every test file here uses, once for the project.
global using System.Collections.Concurrent;
global using System.Globalization;
global using System.Net;
global using System.Text;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Closeio.Core.Http;
global using Closeio.Core.Output;
global using Closeio.Core.Queries;
global using Closeio.Core.Records;
global using Closeio.Core.Secrets;
global using Closeio.Core.State;
global using Closeio.Core.Streams;
global using Closeio.Core.Sync;
global using Closeio.Core.Tests.Support;
global using Closeio.Core.Tests.Sync;
global using Closeio.Core.Tests.Output;
global using Closeio.Sandbox;
global using Closeio.Testing;
global using Xunit.Abstractions;
// xUnit has a Record type too; here Record is always the engine's.
global using Record = Closeio.Core.Records.Record;
