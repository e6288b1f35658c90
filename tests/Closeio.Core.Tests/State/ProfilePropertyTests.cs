namespace Closeio.Core.Tests.State;

public class ProfilePropertyTests
{
    private const int Seed = 20261122;

    [Fact]
    public void Random_profiles_survive_save_and_load_unchanged()
    {
        var random = new Random(Seed);
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("random", dir.Path);

        for (var i = 0; i < 20; i++)
        {
            var original = RandomProfile(random);
            store.Save(original);
            var loaded = store.Load();

            foreach (var (stream, expected) in original.Bookmarks)
            {
                var actual = loaded.Bookmarks[stream];
                var context = $"seed {Seed}, case {i}, stream {stream}";
                Assert.True(expected.Key == actual.Key, context);
                // The canonical form keeps microseconds: the seventh fraction digit is dropped, never rounded up,
                // so a reloaded bookmark is never later than the one saved.
                Assert.True(Truncated(expected.Value) == actual.Value, $"{context}: {expected.Value:O} vs {actual.Value:O}");
                Assert.True(expected.BoundaryIds.SequenceEqual(actual.BoundaryIds), context);
                Assert.True(expected.Extra.OrderBy(e => e.Key).SequenceEqual(actual.Extra.OrderBy(e => e.Key)), context);
            }

            Assert.True(original.Bookmarks.Count == loaded.Bookmarks.Count, $"seed {Seed}, case {i}");
            Assert.True(Truncated(original.Settings.StartDate) == loaded.Settings.StartDate, $"seed {Seed}, case {i}");
            Assert.True(original.Settings.LookBack == loaded.Settings.LookBack, $"seed {Seed}, case {i}");
        }
    }

    [Fact]
    public void A_reader_never_sees_a_partly_written_profile()
    {
        var random = new Random(Seed);
        using var dir = new TempDirectory();
        var writer = ProfileStore.ForName("busy", dir.Path);
        writer.Save(RandomProfile(random));
        var profiles = Enumerable.Range(0, 25).Select(_ => RandomProfile(random)).ToList();

        var done = false;
        var reads = 0;
        Exception? failure = null;
        using var firstRead = new ManualResetEventSlim();
        // A dedicated thread: a busy thread pool must not leave the reader idle while the writer runs.
        var reader = new Thread(() =>
        {
            var store = ProfileStore.ForName("busy", dir.Path);
            try
            {
                while (!Volatile.Read(ref done))
                {
                    store.Load(); // throws ProfileCorruptException on a torn read
                    Interlocked.Increment(ref reads);
                    firstRead.Set();
                }
            }
            catch (Exception ex)
            {
                failure = ex;
                firstRead.Set();
            }
        });
        reader.Start();
        Assert.True(firstRead.Wait(TimeSpan.FromSeconds(10)));

        foreach (var p in profiles)
        {
            writer.Save(p);
        }

        Volatile.Write(ref done, true);
        reader.Join();
        Assert.Null(failure);
        Assert.True(reads > 0);
    }

    private static DateTimeOffset? Truncated(DateTimeOffset? t) =>
        t is { } v ? new DateTimeOffset(v.UtcTicks - (v.UtcTicks % 10), TimeSpan.Zero) : null;

    private static Profile RandomProfile(Random random)
    {
        var p = new Profile();
        p.Settings.StartDate = random.Next(3) == 0 ? null : RandomInstant(random);
        p.Settings.LookBack = TimeSpan.FromTicks(random.NextInt64(0, TimeSpan.FromDays(40).Ticks));
        string[] streams = ["leads", "activities", "tasks", "users", "custom_fields", "event_log", "ünïcode \"quoted\""];
        foreach (var stream in streams.Where(_ => random.Next(2) == 0))
        {
            var key = random.Next(2) == 0 ? "date_updated" : "date_created";
            p.AdvanceBookmark(stream, key, RandomInstant(random),
                Enumerable.Range(0, random.Next(4)).Select(n => $"id_{random.Next(1000)}_{n}"));
            if (random.Next(2) == 0)
            {
                p.Bookmarks[stream].Extra["recent"] = $"x{random.Next()}\n\"y\"";
            }

            if (random.Next(4) == 0)
            {
                p.Bookmarks[stream].Value = null;
            }
        }

        return p;
    }

    private static DateTimeOffset RandomInstant(Random random)
    {
        var utc = new DateTimeOffset(random.NextInt64(new DateTime(2000, 1, 1).Ticks, new DateTime(2040, 1, 1).Ticks), TimeSpan.Zero);
        return utc.ToOffset(TimeSpan.FromMinutes(15 * random.Next(-48, 57)));
    }
}
