using System.Diagnostics;

namespace Closeio.Core.Tests.State;

public class ProfileLockTests
{
    [Fact]
    public void A_second_run_on_a_locked_profile_fails_fast_naming_the_profile_the_holder_and_what_to_do()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        using var held = store.Lock();
        var clock = new StepClock(DateTimeOffset.UnixEpoch);

        var ex = Assert.Throws<ProfileLockedException>(() => ProfileStore.ForName("acme", dir.Path).Lock(TimeSpan.Zero, clock));

        Assert.Equal(0, clock.Waits);   // no wait asked, none made
        Assert.Equal("acme", ex.Profile);
        Assert.Equal(store.Path, ex.Path);
        Assert.Contains("'acme'", ex.Message);
        Assert.Contains(store.Path, ex.Message);
        Assert.Contains($"process {Environment.ProcessId}", ex.Message);
        Assert.Contains("Wait for that run to finish", ex.Message);
        Assert.Contains("-WaitForLock", ex.Message);
    }

    [Fact]
    public void A_profile_opened_by_path_is_named_by_its_path()
    {
        using var dir = new TempDirectory();
        var path = dir.File("state.json");
        using var held = ProfileStore.ForPath(path).Lock();

        var ex = Assert.Throws<ProfileLockedException>(() => ProfileStore.ForPath(path).Lock());

        Assert.Equal(path, ex.Profile);
        Assert.Contains($"'{path}'", ex.Message);
    }

    [Fact]
    public void Waiting_succeeds_once_the_holder_releases()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        var held = store.Lock();
        // The holder lets go during the third wait; the waiter must then get it, not give up.
        var clock = new StepClock(DateTimeOffset.UnixEpoch) { OnWait = n => { if (n == 3) held.Dispose(); } };

        using (var mine = ProfileStore.ForName("acme", dir.Path).Lock(TimeSpan.FromSeconds(10), clock))
        {
            Assert.Equal(store.Path, mine.ProfilePath);
        }

        Assert.Equal(3, clock.Waits);
        Assert.True(clock.Waited < TimeSpan.FromSeconds(10), $"waited {clock.Waited}");
    }

    [Fact]
    public void Waiting_gives_up_after_the_limit_and_says_how_long_it_waited()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        using var held = store.Lock();
        var clock = new StepClock(DateTimeOffset.UnixEpoch);

        var ex = Assert.Throws<ProfileLockedException>(() => store.Lock(TimeSpan.FromMilliseconds(120), clock));

        // It waited on the clock it was given, exactly as long as allowed, and kept trying meanwhile.
        Assert.Equal(TimeSpan.FromMilliseconds(120), clock.Waited);
        Assert.True(clock.Waits > 1, $"tried only {clock.Waits} time(s)");
        Assert.Equal(TimeSpan.FromMilliseconds(120), ex.Waited);
        Assert.Contains("0.12 s", ex.Message);
    }

    [Fact]
    public void A_released_lock_can_be_taken_again()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);

        store.Lock().Dispose();
        using var again = store.Lock();

        Assert.Equal(store.Path + ".lock", again.LockPath);
    }

    [Fact]
    public void Lock_files_left_by_a_crashed_run_do_not_block()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        File.WriteAllText(store.Path + ".lock", "left behind");
        File.WriteAllText(store.Path + ".lock.owner", "process 999999 on gone, started 2020-01-01T00:00:00.000000Z");

        using var mine = store.Lock();

        Assert.Equal(store.Path, mine.ProfilePath);
    }

    [Fact]
    public void Locks_on_different_profiles_are_independent()
    {
        using var dir = new TempDirectory();
        using var a = ProfileStore.ForName("acme", dir.Path).Lock();
        using var b = ProfileStore.ForName("globex", dir.Path).Lock();

        Assert.NotEqual(a.LockPath, b.LockPath);
    }

    [Fact]
    public void A_negative_wait_is_refused()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfileStore.ForName("acme", dir.Path).Lock(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void A_lock_held_by_a_process_that_dies_is_released_by_the_operating_system()
    {
        // Another process holds the lock through flock(1), which uses the same flock(2) lock .NET takes.
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/flock"))
        {
            return;
        }

        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", [store.Path + ".lock", "sleep", "30"])
        {
            UseShellExecute = false,
        })!;
        try
        {
            ProfileLockedException? refused = null;
            // Until flock(1) has taken the lock (a bounded number of tries, not a measured time).
            for (var attempt = 0; refused is null && attempt < 500; attempt++)
            {
                try
                {
                    store.Lock().Dispose();
                    Thread.Sleep(10);
                }
                catch (ProfileLockedException ex)
                {
                    refused = ex;
                }
            }

            Assert.NotNull(refused);
            Assert.Contains("another run", refused.Message);

            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();

            using var mine = store.Lock(TimeSpan.FromSeconds(2));
            Assert.True(File.Exists(mine.LockPath));
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }

            holder.Dispose();
        }
    }
}
