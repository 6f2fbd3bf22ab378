using System.Text.RegularExpressions;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Children colour their console output (RabbitMQ does even into a pipe): keep the text, drop the escapes.</summary>
internal static partial class ConsoleText
{
    public static string Clean(string line) => line.Contains('\u001b', StringComparison.Ordinal) ? AnsiEscape().Replace(line, "") : line;

    [GeneratedRegex("\u001b\\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex AnsiEscape();
}
