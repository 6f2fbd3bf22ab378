namespace PropertyPlatform.TestSupport;

/// <summary>Throwaway state folders.</summary>
public static class TestState
{
    public static DirectoryInfo CreateDirectory(string purpose)
    {
        var directory = Directory.CreateTempSubdirectory($"propertyplatform-{purpose}-");
        // PostgreSQL runs as its own user and must be able to enter the folder.
        File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return directory;
    }

    public static void Delete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A process that has only just exited may still hold a file; the OS cleans temp folders anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
