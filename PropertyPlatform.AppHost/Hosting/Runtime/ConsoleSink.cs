namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Writes the AppHost's own messages and (unless quiet) children's lines, prefixed with the resource name.</summary>
internal sealed class ConsoleSink(bool quietChildren)
{
    private readonly Lock gate = new();

    public void AppHost(string message) => Write("apphost", message, ConsoleColor.Cyan);

    public void Child(string resource, string line)
    {
        if (!quietChildren)
        {
            Write(resource, line, ConsoleColor.DarkGray);
        }
    }

    /// <summary>Progress the user must see even in quiet mode (package installation).</summary>
    public void Progress(string resource, string line) => Write(resource, line, ConsoleColor.DarkYellow);

    private void Write(string prefix, string message, ConsoleColor color)
    {
        lock (gate)
        {
            var redirected = Console.IsOutputRedirected;
            if (!redirected)
            {
                Console.ForegroundColor = color;
            }

            Console.Write($"[{prefix}] ");
            if (!redirected)
            {
                Console.ResetColor();
            }

            Console.WriteLine(message);
        }
    }
}
