namespace Closeio.PowerShell.Commands;

/// <summary>Disconnect-Closeio. Its help (synopsis, description, parameters, examples) is written once, in docs/Disconnect-Closeio.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Closeio", HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Disconnect-Closeio.md")]
[OutputType(typeof(void))]
public sealed class DisconnectCloseioCommand : CloseioCmdlet
{
    /// <summary>The connection to close; the session's when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Connection? Connection { get; set; }

    /// <summary>Closes and forgets the connection.</summary>
    protected override void ProcessRecord()
    {
        var session = Session;
        var connection = Connection ?? session.Connection;
        if (connection is null)
        {
            WriteVerbose("Not connected; nothing to do.");
            return;
        }

        if (ReferenceEquals(session.Connection, connection)) session.Connection = null;
        connection.Close();
        WriteVerbose($"Disconnected from {connection}.");
    }
}
