using System.Net.Sockets;

namespace Closeio.Core.Http;

/// <summary>
/// Tells a connection failure that another attempt cannot cure (nothing listens at the address,
/// the host name does not exist) from one that may pass (a reset, a timeout, a DNS server that
/// asked to try again).
/// </summary>
internal static class ConnectionFailures
{
    /// <summary>A short reason when the failure is hopeless, else null.</summary>
    public static string? Hopeless(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException s)
            {
                switch (s.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                        return "the connection was refused (nothing listens there)";
                    case SocketError.HostNotFound:
                    case SocketError.NoData:
                        return "the host name could not be found";
                    case SocketError.TryAgain:
                        return null; // a DNS server busy for now
                }
            }
        }
        // No socket error to go by: HttpClient's own classification.
        return e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
            ? "the host name could not be found"
            : null;
    }
}
