using System.Security.Cryptography;

namespace Closeio.Core.Secrets;

/// <summary>
/// The API key saved for non-interactive runs, in one file beside its profile. Written only when the
/// user asks (<c>Connect-Closeio -SaveApiKey</c>). On Windows the key is encrypted with DPAPI for the
/// current user; elsewhere the file is created readable and writable by its owner only (0600) before
/// the key is written, and a file that others can read is refused when loading, as ssh does.
/// </summary>
public sealed class ApiKeyStore
{
    /// <summary>The extension of saved-key files.</summary>
    public const string Extension = ".apikey";

    private const string Header = "closeio-apikey/1";
    private const string DpapiScheme = "dpapi";
    private const string OwnerOnlyScheme = "owner-only";

    /// <summary>Creates a store for the key file at <paramref name="path"/>.</summary>
    public ApiKeyStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The store beside a profile file: same name, extension <see cref="Extension"/>.</summary>
    public static ApiKeyStore ForProfile(string profilePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profilePath);
        return new ApiKeyStore(System.IO.Path.ChangeExtension(System.IO.Path.GetFullPath(profilePath), Extension));
    }

    /// <summary>The key file.</summary>
    public string Path { get; }

    /// <summary>Whether a key has been saved.</summary>
    public bool Exists => File.Exists(Path);

    /// <summary>How the key is protected on this system, for messages.</summary>
    public static string ProtectionDescription => OperatingSystem.IsWindows()
        ? "encrypted with Windows DPAPI for the current user"
        : "in a file only its owner can read (mode 0600)";

    /// <summary>Saves <paramref name="apiKey"/>, protected, replacing any key saved before.</summary>
    public void Save(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        string scheme, payload;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            scheme = DpapiScheme;
            var plain = Encoding.UTF8.GetBytes(apiKey);
            try { payload = Convert.ToBase64String(Dpapi.Protect(plain)); }
            finally { CryptographicOperations.ZeroMemory(plain); } // no stray plain copy left for the GC
        }
        else
        {
            if (!Directory.Exists(directory))
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            scheme = OwnerOnlyScheme;
            payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey));
        }

        // A fresh temporary file gets the owner-only mode at creation, so the key is never in a
        // file others could open; the rename then replaces the old key in one step.
        var temp = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write($"{Header} {scheme}\n{payload}\n");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads the saved key; null when none was saved.</summary>
    /// <exception cref="SavedApiKeyException">The file exists but cannot be used.</exception>
    public string? Load()
    {
        if (!File.Exists(Path)) return null;
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((mode & others) != 0)
                throw new SavedApiKeyException(Path, "other users can read or change it (it must be readable by its owner only: chmod 600).");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SavedApiKeyException(Path, "it could not be read.", e);
        }

        if (lines.Length < 2 || !lines[0].StartsWith(Header + " ", StringComparison.Ordinal))
            throw new SavedApiKeyException(Path, "it is not a saved Close API key.");

        var scheme = lines[0][(Header.Length + 1)..].Trim();
        try
        {
            var payload = Convert.FromBase64String(lines[1].Trim());
            var key = scheme switch
            {
                DpapiScheme when OperatingSystem.IsWindows() => DecodeAndClear(Dpapi.Unprotect(payload)),
                DpapiScheme => throw new SavedApiKeyException(Path, "it was encrypted with Windows DPAPI and can only be read on Windows by the user who saved it."),
                OwnerOnlyScheme => Encoding.UTF8.GetString(payload),
                _ => throw new SavedApiKeyException(Path, $"its protection '{scheme}' is unknown to this version of the module."),
            };
            if (string.IsNullOrWhiteSpace(key)) throw new SavedApiKeyException(Path, "it holds no key.");
            return key;
        }
        catch (FormatException e)
        {
            throw new SavedApiKeyException(Path, "it is damaged.", e);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SavedApiKeyException(Path, "Windows could not decrypt it (it was saved by another user or on another machine).", e);
        }
    }

    /// <summary>Deletes the saved key; returns whether there was one.</summary>
    public bool Remove()
    {
        if (!File.Exists(Path)) return false;
        File.Delete(Path);
        return true;
    }

    /// <summary>Names the file, never the key.</summary>
    public override string ToString() => Path;

    private static string DecodeAndClear(byte[] plain)
    {
        try { return Encoding.UTF8.GetString(plain); }
        finally { CryptographicOperations.ZeroMemory(plain); }
    }
}
