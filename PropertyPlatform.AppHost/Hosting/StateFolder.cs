using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Where PostgreSQL and RabbitMQ keep their data between runs: <c>AppHost:StateDirectory</c>, by default
/// <c>.state/</c> beside the solution. <c>--clean</c> (or <c>AppHost:Clean=true</c>) empties it first, and only if it
/// is a state folder: it carries the marker file written when it was created, or holds nothing but the subfolders a
/// state folder from before the marker has. The layout is the one the AppHost had before it moved onto Aspire, so an
/// existing folder keeps its data.
/// </summary>
public sealed class StateFolder
{
    public const string MarkerFileName = ".propertyplatform-state";

    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>What a state folder from before the marker holds (pids: the AppHost before Aspire).</summary>
    private static readonly string[] KnownEntries = ["postgres", "messaging", "secrets", "identity-keys", "pids", MarkerFileName];

    private StateFolder(string path) => Path = path;

    public string Path { get; }

    public static StateFolder Prepare(IDistributedApplicationBuilder builder, string[] args)
    {
        var configured = builder.Configuration["AppHost:StateDirectory"];
        var path = System.IO.Path.GetFullPath(configured is { Length: > 0 }
            ? configured
            : System.IO.Path.Combine(builder.AppHostDirectory, "..", ".state"));

        var clean = args.Contains("--clean", StringComparer.Ordinal) || builder.Configuration.GetValue("AppHost:Clean", false);
        if (clean && builder.ExecutionContext.IsRunMode && Directory.Exists(path))
        {
            if (!IsStateFolder(path))
            {
                throw new DistributedApplicationException(
                    $"--clean refuses to empty {path}: it is not a state folder (no {MarkerFileName} file, and it holds more than " +
                    $"{string.Join(", ", KnownEntries[..^1])}). Check AppHost:StateDirectory.");
            }

            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        var marker = System.IO.Path.Combine(path, MarkerFileName);
        // A folder with other things in it is used, but never marked: --clean will not empty it.
        if (!File.Exists(marker) && IsStateFolder(path))
        {
            File.WriteAllText(marker, "The PropertyPlatform AppHost's state folder: `--clean` empties it.\n");
        }

        AllowOthersToEnter(path);
        return new StateFolder(path);
    }

    /// <summary>The folder of one resource inside the state folder, created if missing.</summary>
    public string For(string resourceName)
    {
        var directory = System.IO.Path.Combine(Path, resourceName);
        Directory.CreateDirectory(directory);
        AllowOthersToEnter(directory);
        return directory;
    }

    /// <summary>The password kept for a resource, generated on first use (see <see cref="Secret"/>).</summary>
    public string Password(string resourceName) =>
        Secret(resourceName + ".password", () => RandomNumberGenerator.GetString(Alphabet, 24));

    /// <summary>
    /// A secret kept in the state folder under <paramref name="fileName"/>, made by <paramref name="create"/> on first
    /// use. The folder is the owner's only, and the file is created readable by its owner only: there is no moment
    /// when another user could read it.
    /// </summary>
    public string Secret(string fileName, Func<string> create)
    {
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(Path, "secrets"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // A secrets folder from before may be open to others.
        directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var file = System.IO.Path.Combine(directory.FullName, fileName);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        var secret = create();
        WriteSecret(file, secret);
        return secret;
    }

    /// <summary>Creates <paramref name="file"/> with <paramref name="mode"/> (the owner's only) and writes it.</summary>
    internal static void WriteSecret(string file, string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        using var stream = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode });
        stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
    }

    /// <summary>
    /// PostgreSQL runs as its own user: the state folder and its subfolders get the execute bit for others. Folders
    /// above it are the operator's: <see cref="EnsureEnterableAsync"/> names one the server can't enter instead of changing it.
    /// </summary>
    private static void AllowOthersToEnter(string directory)
    {
        var info = new DirectoryInfo(directory);
        if (!info.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
        {
            info.UnixFileMode |= UnixFileMode.OtherExecute;
        }
    }

    /// <summary>
    /// Checks, as <paramref name="user"/>, that every folder from <c>/</c> down to <paramref name="path"/> can be entered,
    /// and names the first that can't (a home folder of 0700, a mktemp folder).
    /// </summary>
    public static async Task EnsureEnterableAsync(string path, string user, CancellationToken cancellationToken)
    {
        var folders = new List<string>();
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent)
        {
            folders.Insert(0, directory.FullName);
        }

        var start = new ProcessStartInfo("/usr/bin/setpriv", ["--reuid=" + user, "--regid=" + user, "--init-groups", "--",
            "/bin/sh", "-c", "for d; do [ -x \"$d\" ] || { printf '%s' \"$d\"; exit 1; }; done", "sh", .. folders])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new DistributedApplicationException("setpriv could not be started.");
        var blocked = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException(blocked.Length > 0
                ? $"The {user} user cannot enter {blocked}, above the state folder {path}: give it the execute bit for others " +
                  $"(chmod o+x {blocked}) or choose another AppHost:StateDirectory."
                : $"Could not check that the {user} user can enter {path}: {error.Trim()}");
        }
    }

    private static bool IsStateFolder(string path) =>
        File.Exists(System.IO.Path.Combine(path, MarkerFileName))
        || Directory.EnumerateFileSystemEntries(path).All(entry => KnownEntries.Contains(System.IO.Path.GetFileName(entry), StringComparer.Ordinal));
}
