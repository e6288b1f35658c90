namespace Closeio.Core.Streams;

/// <summary>
/// The organization's custom field definitions, kept per connection for a few minutes so that a
/// script calling Get-CloseioLead in a loop does not re-read them for every call. Each kind expires
/// on its own; a sync never uses this (it reads the fields fresh at the start of every run).
/// </summary>
public sealed class CustomFieldCache
{
    /// <summary>How long definitions are kept unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, (IReadOnlyList<CustomFieldDefinition> Fields, DateTimeOffset ReadAt)> _kinds =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="clock">The clock expiry is measured on; the system clock when null.</param>
    /// <param name="lifetime">How long a kind's definitions are kept; <see cref="DefaultLifetime"/> when null.</param>
    public CustomFieldCache(TimeProvider? clock = null, TimeSpan? lifetime = null)
    {
        _clock = clock ?? TimeProvider.System;
        Lifetime = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThan(Lifetime, TimeSpan.Zero);
    }

    /// <summary>How long a kind's definitions are kept after they were read.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>Forgets every kind, so the next query reads them again.</summary>
    public void Clear()
    {
        _gate.Wait();
        try
        {
            _kinds.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The kind's definitions: kept ones while fresh, else those <paramref name="read"/> returns (then kept).</summary>
    internal async Task<IReadOnlyList<CustomFieldDefinition>> GetAsync(string kind,
        Func<CancellationToken, Task<IReadOnlyList<CustomFieldDefinition>>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _clock.GetUtcNow();
            if (_kinds.TryGetValue(kind, out var kept) && now - kept.ReadAt < Lifetime && now >= kept.ReadAt)
                return kept.Fields;
            var fields = await read(cancellationToken).ConfigureAwait(false);
            _kinds[kind] = (fields, now);
            return fields;
        }
        finally
        {
            _gate.Release();
        }
    }
}
