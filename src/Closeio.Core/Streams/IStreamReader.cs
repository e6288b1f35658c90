namespace Closeio.Core.Streams;

/// <summary>Reads one stream for one run, handing records to <see cref="StreamContext.Emit"/> in ascending (key, id) order.</summary>
internal interface IStreamReader
{
    /// <summary>Reads everything the run should deliver. Throws <see cref="Http.CloseApiException"/> when Close fails for good.</summary>
    Task ReadAsync(StreamContext context, CancellationToken cancellationToken);
}
