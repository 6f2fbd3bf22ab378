namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Finds the repository root and prepares folders a non-root service user must be able to enter.</summary>
internal static class StateDirectory
{
    public const string SolutionFileName = "PropertyPlatform.sln";

    /// <summary>Walks up from <paramref name="start"/> to the folder holding the solution file.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>postgres runs as its own user: every parent folder needs the execute bit for others (a mktemp folder is 0700).</summary>
    public static void MakeTraversable(string path)
    {
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent)
        {
            if (!directory.Exists)
            {
                continue;
            }

            var mode = directory.UnixFileMode;
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                directory.UnixFileMode = mode | UnixFileMode.OtherExecute;
            }
        }
    }
}
