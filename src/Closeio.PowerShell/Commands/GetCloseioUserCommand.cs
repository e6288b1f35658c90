using System.Management.Automation;
using Closeio.Core.Queries;
using Closeio.PowerShell.Internal;
using Closeio.Core.Streams;

namespace Closeio.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the organization's users.</para>
/// <para type="description">Each user is written as a Closeio.User.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "CloseioUser", SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioUser.md")]
[OutputType("Closeio.User")]
public sealed class GetCloseioUserCommand : CloseioQueryCmdlet
{
    /// <summary>Reads the users.</summary>
    protected override void ProcessRecord() => Emit(new StreamQuery(UsersStream.Definition));
}
