using Closeio.Core.Http;

namespace Closeio.Bench;

/// <summary>The largest <c>_skip</c> any request of a connection (or a session on it) sent, read from its request log.</summary>
internal sealed class SkipWatch
{
    private long _largest;

    public long Largest => Interlocked.Read(ref _largest);

    public void Reset() => Interlocked.Exchange(ref _largest, 0);

    public void Note(RequestLogEntry entry)
    {
        var path = entry.Path;
        var i = path.IndexOf("_skip=", StringComparison.Ordinal);
        if (i < 0) return;
        var j = i + 6;
        long skip = 0;
        while (j < path.Length && char.IsAsciiDigit(path[j])) skip = skip * 10 + (path[j++] - '0');
        long seen;
        while (skip > (seen = Interlocked.Read(ref _largest)) && Interlocked.CompareExchange(ref _largest, skip, seen) != seen)
        {
        }
    }
}
