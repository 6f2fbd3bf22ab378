using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Where PostgreSQL and RabbitMQ keep their data between runs: <c>AppHost:StateDirectory</c>, by default
/// <c>.state/</c> beside the solution. <c>--clean</c> (or <c>AppHost:Clean=true</c>) empties it first.
/// The layout is the one the AppHost had before it moved onto Aspire, so an existing folder keeps its data.
/// </summary>
public sealed class StateFolder
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

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
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        MakeTraversable(path);
        return new StateFolder(path);
    }

    /// <summary>The folder of one resource inside the state folder, created if missing.</summary>
    public string For(string resourceName)
    {
        var directory = System.IO.Path.Combine(Path, resourceName);
        Directory.CreateDirectory(directory);
        MakeTraversable(directory);
        return directory;
    }

    /// <summary>The password kept for a resource (readable by root only), generated on first use.</summary>
    public string Password(string resourceName)
    {
        var directory = System.IO.Path.Combine(Path, "secrets");
        Directory.CreateDirectory(directory);
        var file = System.IO.Path.Combine(directory, resourceName + ".password");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        var password = RandomNumberGenerator.GetString(Alphabet, 24);
        File.WriteAllText(file, password);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    /// <summary>PostgreSQL runs as its own user: every parent folder needs the execute bit for others (a mktemp folder is 0700).</summary>
    internal static void MakeTraversable(string path)
    {
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent)
        {
            if (directory.Exists && !directory.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                directory.UnixFileMode |= UnixFileMode.OtherExecute;
            }
        }
    }
}
