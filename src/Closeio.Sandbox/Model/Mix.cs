namespace Closeio.Sandbox;

/// <summary>
/// A tiny deterministic random source (SplitMix64). Every rendered value is drawn from one of
/// these, seeded from (organization seed, kind, object number, version), so the same object
/// renders the same bytes on every call and on every machine, without storing the value.
/// </summary>
internal struct Mix
{
    private ulong _state;

    public Mix(ulong state) => _state = state;

    /// <summary>A stream keyed by up to five integers (order matters).</summary>
    public static Mix Of(long a, long b = 0, long c = 0, long d = 0, long e = 0)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        h = Scramble(h ^ (ulong)a);
        h = Scramble(h ^ (ulong)b);
        h = Scramble(h ^ (ulong)c);
        h = Scramble(h ^ (ulong)d);
        h = Scramble(h ^ (ulong)e);
        return new Mix(h);
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Scramble(_state);
    }

    /// <summary>A value in [0, max).</summary>
    public int Next(int max) => max <= 0 ? 0 : (int)(NextULong() % (ulong)max);

    /// <summary>A value in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public long NextLong(long max) => max <= 0 ? 0 : (long)(NextULong() % (ulong)max);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Scramble(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
