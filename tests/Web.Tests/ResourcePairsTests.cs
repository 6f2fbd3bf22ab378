using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// Every English resource file in src (the web's Resources, Identity's sign-in pages) has its Chinese counterpart
/// (.zh-CN.resx for the web, .zh-Hans.resx for Identity) with exactly the same keys, no empty value on either side and
/// the same format placeholders ({0}…), so no screen shows an English or blank text in Chinese.
/// </summary>
public sealed partial class ResourcePairsTests
{
    private static readonly string[] ChineseCultures = ["zh-CN", "zh-Hans"];

    [Fact]
    public void Every_English_resource_has_a_Chinese_file_with_the_same_keys_and_no_empty_values()
    {
        var source = Path.Combine(RepositoryRoot(), "src");
        var english = Directory.EnumerateFiles(source, "*.resx", SearchOption.AllDirectories)
            .Where(path => Path.GetFileNameWithoutExtension(path).IndexOf('.', StringComparison.Ordinal) < 0)
            // A service's problem texts are named by their English, which is the code's (ArchitectureTests.ProblemTextTests).
            .Where(path => Path.GetFileName(path) != "ProblemTexts.resx")
            .Order(StringComparer.Ordinal)
            .ToList();
        english.Should().Contain(path => path.EndsWith("SharedResource.resx", StringComparison.Ordinal))
            .And.Contain(path => path.EndsWith("SignInText.resx", StringComparison.Ordinal));

        var problems = new List<string>();
        foreach (var path in english)
        {
            var name = Path.GetRelativePath(source, path);
            var stem = path[..^".resx".Length];
            var chinese = ChineseCultures.Select(culture => $"{stem}.{culture}.resx").Where(File.Exists).ToList();
            if (chinese.Count != 1)
            {
                problems.Add($"{name}: {chinese.Count} Chinese files (expected one of {string.Join(", ", ChineseCultures)})");
                continue;
            }

            var chineseName = Path.GetRelativePath(source, chinese[0]);
            var englishValues = Values(path, name, problems);
            var chineseValues = Values(chinese[0], chineseName, problems);
            var missing = englishValues.Keys.Except(chineseValues.Keys).Order(StringComparer.Ordinal).ToList();
            var extra = chineseValues.Keys.Except(englishValues.Keys).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{chineseName}: missing {string.Join(", ", missing)}");
            }

            if (extra.Count > 0)
            {
                problems.Add($"{chineseName}: extra {string.Join(", ", extra)}");
            }

            problems.AddRange(englishValues.Where(entry => string.IsNullOrWhiteSpace(entry.Value)).Select(entry => $"{name}: {entry.Key} is empty"));
            problems.AddRange(chineseValues.Where(entry => string.IsNullOrWhiteSpace(entry.Value)).Select(entry => $"{chineseName}: {entry.Key} is empty"));
            foreach (var key in englishValues.Keys.Intersect(chineseValues.Keys))
            {
                var englishPlaceholders = Placeholders(englishValues[key]);
                var chinesePlaceholders = Placeholders(chineseValues[key]);
                if (!englishPlaceholders.SequenceEqual(chinesePlaceholders))
                {
                    problems.Add($"{chineseName}: {key} has placeholders [{string.Join(" ", chinesePlaceholders)}], English [{string.Join(" ", englishPlaceholders)}]");
                }
            }
        }

        // One line per gap, all of them in the failure message.
        string.Join(Environment.NewLine, problems).Should().BeEmpty();
    }

    private static Dictionary<string, string> Values(string path, string name, List<string> problems)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var data in XDocument.Load(path).Root!.Elements("data"))
        {
            var key = (string?)data.Attribute("name") ?? "";
            if (!values.TryAdd(key, (string?)data.Element("value") ?? ""))
            {
                problems.Add($"{name}: {key} twice");
            }
        }

        return values;
    }

    private static List<string> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(match => match.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"(?<!\{)\{(\d+)[^{}]*\}")]
    private static partial Regex PlaceholderPattern();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PropertyPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PropertyPlatform.sln not found above the test output.");
    }
}
