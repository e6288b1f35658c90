namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioUser. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioUser.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioUser", SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioUser.md")]
[OutputType("Closeio.User")]
public sealed class GetCloseioUserCommand : CloseioQueryCmdlet
{
    /// <summary>Reads the users.</summary>
    protected override void ProcessRecord() => Emit(new StreamQuery(UsersStream.Definition));
}
