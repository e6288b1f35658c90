using System.Diagnostics;

namespace Closeio.Core.Tests.State;

/// <summary>The profile's files: owner-only, links followed, and a clear word when the folder cannot be written.</summary>
public sealed class ProfileFileSafetyTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static Profile WithBookmark(int day)
    {
        var p = new Profile();
        p.AdvanceBookmark("leads", "date_updated", new DateTimeOffset(2024, 5, day, 0, 0, 0, TimeSpan.Zero));
        return p;
    }

    [Fact]
    public void The_profile_its_bak_its_lock_and_the_lock_note_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        // A profile created before this rule, readable by everyone, is tightened by the next save.
        File.WriteAllText(store.Path, "{\"schema_version\": 1}");
        File.SetUnixFileMode(store.Path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using (store.Lock())
        {
            store.Save(WithBookmark(1));
            store.Save(WithBookmark(2));
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(store.Path + ".lock"));
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(store.Path + ".lock.owner"));
        }

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(store.Path + ".bak"));
    }

    [Fact]
    public void A_new_profile_folder_is_created_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory();
        var folder = dir.File("profiles");
        ProfileStore.ForName("acme", folder).Save(WithBookmark(1));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void A_profile_reached_through_a_link_updates_the_target_and_the_link_stays_a_link()
    {
        using var dir = new TempDirectory();
        var target = dir.File("real.json");
        var link = dir.File("link.json");
        ProfileStore.ForPath(target).Save(WithBookmark(1));
        File.CreateSymbolicLink(link, target);

        ProfileStore.ForPath(link).Save(WithBookmark(2));

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero), ProfileStore.ForPath(target).Load().Bookmarks["leads"].Value);
        Assert.Equal(ProfileStore.ForPath(target).Path, ProfileStore.ForPath(link).Path);
    }

    [Fact]
    public void Runs_through_a_link_and_through_its_target_exclude_each_other()
    {
        using var dir = new TempDirectory();
        var realFolder = dir.File("real");
        Directory.CreateDirectory(realFolder);
        var target = Path.Combine(realFolder, "acme.json");
        ProfileStore.ForPath(target).Save(WithBookmark(1));
        // A link to the file, and a link to its folder: both are the same profile.
        File.CreateSymbolicLink(dir.File("link.json"), target);
        Directory.CreateSymbolicLink(dir.File("folder-link"), realFolder);

        using (ProfileStore.ForPath(dir.File("link.json")).Lock())
        {
            Assert.Throws<ProfileLockedException>(() => ProfileStore.ForPath(target).Lock());
            Assert.Throws<ProfileLockedException>(() => ProfileStore.ForName("acme", dir.File("folder-link")).Lock());
        }
    }

    [Fact]
    public void A_loop_of_links_is_refused_not_followed_forever()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(dir.File("a.json"), dir.File("b.json"));
        File.CreateSymbolicLink(dir.File("b.json"), dir.File("a.json"));

        Assert.Throws<IOException>(() => ProfileStore.ForPath(dir.File("a.json")));
    }

    [Fact]
    public void A_read_only_profile_folder_says_which_profile_could_not_be_written_and_what_to_do()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory();
        var folder = dir.File("locked-down");
        var store = ProfileStore.ForName("acme", folder);
        store.Save(WithBookmark(1));
        var before = File.ReadAllBytes(store.Path);
        using (ReadOnly(folder))
        {
            var onSave = Assert.Throws<ProfileNotWritableException>(() => store.Save(WithBookmark(2)));
            var onLock = Assert.Throws<ProfileNotWritableException>(() => ProfileStateEditor.Reset(store, ["leads"]));

            foreach (var ex in new[] { onSave, onLock })
            {
                Assert.Contains(store.Path, ex.Message);
                Assert.Contains("could not be written", ex.Message);
                Assert.Contains($"'{folder}'", ex.Message);
                Assert.Contains("writable", ex.Message);
            }
        }

        Assert.Equal(before, File.ReadAllBytes(store.Path));
    }

    /// <summary>
    /// Makes <paramref name="folder"/> refuse new files: mode 0500, or for root (whom modes do not stop) the
    /// immutable attribute. Dispose undoes it.
    /// </summary>
    private static IDisposable ReadOnly(string folder)
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsRoot())
        {
            var mode = File.GetUnixFileMode(folder);
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new Undo(() => File.SetUnixFileMode(folder, mode));
        }

        Chattr("+i", folder);
        return new Undo(() => Chattr("-i", folder));
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) &&
                                                               l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Chattr(string change, string path)
    {
        using var p = Process.Start(new ProcessStartInfo("chattr", [change, path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"chattr {change} {path} failed");
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
