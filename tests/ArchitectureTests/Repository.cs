using System.Text;

namespace PropertyPlatform.ArchitectureTests;

/// <summary>The repository's source, for the rules a build can't check: where it is, and the string literals its code holds.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The C# files of a project folder (relative to the root), without its build output.</summary>
    public static IEnumerable<string> CodeFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>
    /// Every string literal in <paramref name="code"/> with the code just before it, its text unescaped and an interpolated
    /// string's holes numbered in order (<c>$"At {when:u} by {who}."</c> is <c>At {0} by {1}.</c>). Comments and char
    /// literals are skipped; raw string literals are not read.
    /// </summary>
    public static IEnumerable<(string Before, string Text)> StringLiterals(string code)
    {
        var i = 0;
        while (i < code.Length)
        {
            if (code[i] == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                i = code.IndexOf('\n', i) is var end and >= 0 ? end : code.Length;
            }
            else if (code[i] == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                i = code.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : code.Length;
            }
            else if (code[i] == '\'')
            {
                i = code.IndexOf('\'', code[i + 1] == '\\' ? i + 3 : i + 2) + 1;
            }
            else if (code[i] == '"')
            {
                var prefix = code[Math.Max(0, i - 2)..i];
                var interpolated = prefix.EndsWith('$') || prefix is "$@" or "@$";
                var verbatim = prefix.EndsWith('@') || prefix is "$@" or "@$";
                var start = i - (interpolated ? 1 : 0) - (verbatim ? 1 : 0);
                var (text, next) = Read(code, i + 1, interpolated, verbatim);
                yield return (code[Math.Max(0, start - 200)..start], text);
                i = next;
            }
            else
            {
                i++;
            }
        }
    }

    private static (string Text, int Next) Read(string code, int i, bool interpolated, bool verbatim)
    {
        var text = new StringBuilder();
        var holes = 0;
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '"' && verbatim && i + 1 < code.Length && code[i + 1] == '"')
            {
                text.Append('"');
                i += 2;
            }
            else if (c == '"')
            {
                return (text.ToString(), i + 1);
            }
            else if (c == '\\' && !verbatim)
            {
                text.Append(code[i + 1] switch { 'n' => '\n', 't' => '\t', var escaped => escaped });
                i += 2;
            }
            else if (interpolated && (c is '{' or '}') && i + 1 < code.Length && code[i + 1] == c)
            {
                text.Append(c);
                i += 2;
            }
            else if (interpolated && c == '{')
            {
                // A hole ends at its closing brace; strings and braces inside it are the hole's code, not the text.
                var depth = 1;
                for (i++; i < code.Length && depth > 0; i++)
                {
                    depth += code[i] switch { '{' => 1, '}' => -1, _ => 0 };
                }

                text.Append('{').Append(holes++).Append('}');
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        return (text.ToString(), i);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PropertyPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PropertyPlatform.sln not found above the test output.");
    }
}
