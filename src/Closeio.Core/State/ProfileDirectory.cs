namespace Closeio.Core.State;

/// <summary>Where named profiles live, and which names are allowed.</summary>
internal static class ProfileDirectory
{
    internal const string Extension = ".json";

    /// <summary>The per-user profile directory of this OS.</summary>
    public static string Default() =>
        Default(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows(),
            () => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The rule, with the environment passed in so that tests can check every branch.</summary>
    internal static string Default(Func<string, string?> env, bool isWindows, Func<string> home)
    {
        if (isWindows)
        {
            var appData = env("APPDATA");
            if (string.IsNullOrEmpty(appData))
            {
                appData = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            }

            return Path.Combine(appData, "Closeio");
        }

        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        var xdg = env("XDG_CONFIG_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "closeio");
        }

        var userHome = env("HOME");
        if (string.IsNullOrEmpty(userHome))
        {
            userHome = home();
        }

        return Path.Combine(userHome, ".config", "closeio");
    }

    /// <summary>Letters, digits, '-', '_' and '.', not starting with '.' (hidden and temporary files do).</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 100 && name[0] != '.' &&
        name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The file of the profile called <paramref name="name"/> in <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException">The name is not valid; the message says what is allowed.</exception>
    public static string PathFor(string name, string directory)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid profile name. Use letters, digits, '-', '_' and '.' (not first), " +
                "at most 100 characters, for example 'acme' or 'acme-prod'; or give a file path instead.",
                nameof(name));
        }

        return Path.Combine(Path.GetFullPath(directory), name + Extension);
    }

    /// <summary>The profile names found in <paramref name="directory"/>, sorted; none when it does not exist.</summary>
    public static IReadOnlyList<string> ListNames(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "*" + Extension)
            .Select(Path.GetFileName)
            // The pattern "*.json" also matches longer extensions on Windows; check the ending exactly.
            .Where(f => f!.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
            .Select(f => f![..^Extension.Length])
            .Where(IsValidName)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
