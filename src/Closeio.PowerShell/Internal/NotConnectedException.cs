namespace Closeio.PowerShell.Internal;

/// <summary>A command needs a connection and the session has none.</summary>
public sealed class NotConnectedException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public NotConnectedException()
        : base("Not connected to Close. Run Connect-Closeio first (or Connect-Closeio -Sandbox to try the module without an account), or pass -Connection.")
    {
    }
}
