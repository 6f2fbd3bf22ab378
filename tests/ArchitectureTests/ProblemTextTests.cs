using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ArchitectureTests;

/// <summary>
/// A service's problems reach a Chinese reader in Chinese (<see cref="ProblemTexts"/>): every message a service throws
/// has its Chinese, and every Chinese still names a message the code has (an English message reworded in the code
/// would otherwise silently fall back to English).
/// </summary>
public sealed partial class ProblemTextTests
{
    private static readonly string[] ServiceNames = ["Reception", "Maintenance", "Billing", "SecurityGate", "HrTraining", "Identity"];

    public static TheoryData<string> Services => [.. ServiceNames];

    /// <summary>ASP.NET Core's own titles, which the shared texts say in Chinese though no code here writes them.</summary>
    private static readonly string[] FrameworkTitles =
    [
        "One or more validation errors occurred.", "Not Found", "Forbidden", "Unauthorized", "Bad Request", "Conflict",
        "Too Many Requests", "An error occurred while processing your request.",
    ];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_message_a_service_throws_has_its_chinese(string service)
    {
        var texts = new ProblemTexts(ServiceAssembly(service), typeof(ProblemTexts).Assembly);

        Untranslated(texts, Folder(service))
            .Should().BeEmpty($"src/{service}/Resources/ProblemTexts.zh-CN.resx names each message the service throws, with its Chinese");
    }

    [Fact]
    public void Every_message_the_shared_code_throws_has_its_chinese() =>
        Untranslated(new ProblemTexts(typeof(ProblemTexts).Assembly), "PropertyPlatform.ServiceDefaults")
            .Should().BeEmpty("PropertyPlatform.ServiceDefaults/Resources/ProblemTexts.zh-CN.resx names each message the shared code throws");

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_chinese_a_service_holds_names_a_message_its_code_still_has(string service)
    {
        var literals = Literals(Folder(service));

        string.Join(Environment.NewLine, new ProblemTexts(ServiceAssembly(service)).Named.Where(english => !literals.Contains(english)).Order(StringComparer.Ordinal))
            .Should().BeEmpty("a message reworded in the code needs its Chinese renamed, or the reader gets English again");
    }

    [Fact]
    public void Every_shared_chinese_names_a_message_some_code_still_has()
    {
        var literals = ServiceNames.Select(Folder).Append("PropertyPlatform.ServiceDefaults").SelectMany(Literals).ToHashSet(StringComparer.Ordinal);

        string.Join(Environment.NewLine, new ProblemTexts(typeof(ProblemTexts).Assembly).Named
            .Where(english => !literals.Contains(english) && !FrameworkTitles.Contains(english)))
            .Should().BeEmpty();
    }

    [Fact]
    public void Every_chinese_says_each_value_of_its_message()
    {
        var files = ServiceNames.Select(Folder).Append("PropertyPlatform.ServiceDefaults")
            .Select(folder => Path.Combine(Repository.Root, folder, "Resources", "ProblemTexts.zh-CN.resx"))
            .Where(File.Exists)
            .ToList();
        files.Should().Contain(file => file.Contains("ServiceDefaults", StringComparison.Ordinal));

        var wrong = from file in files
                    from data in XDocument.Load(file).Root!.Elements("data")
                    let english = (string)data.Attribute("name")!
                    let chinese = (string?)data.Element("value") ?? ""
                    where chinese.Trim().Length == 0 || !Holes(english).SetEquals(Holes(chinese))
                    select $"{Path.GetRelativePath(Repository.Root, file)}: {english}";

        string.Join(Environment.NewLine, wrong).Should().BeEmpty("a Chinese text says every value of its message, and only those");
    }

    [Fact]
    public void The_messages_found_in_the_code_are_the_ones_thrown()
    {
        var thrown = ThrownMessages("PropertyPlatform.ServiceDefaults").ToList();

        thrown.Should().Contain(["You are not assigned to estate '{0}'.", "Must be one of: {0}.", "Estate", "Required.", "Must be json or xlsx."]);
        thrown.Should().NotContain("Auth:ClientId is missing: set Auth__ClientId (the AppHost does this).", "a start-up failure is no caller's problem");
    }

    /// <summary>The messages thrown in the folder's code that no text says in Chinese, one per line.</summary>
    private static string Untranslated(ProblemTexts texts, string folder) =>
        string.Join(Environment.NewLine, ThrownMessages(folder)
            .Where(message => texts.InChinese(WithValues(message)) == WithValues(message))
            .Distinct()
            .Order(StringComparer.Ordinal));

    private static Assembly ServiceAssembly(string service) => Assembly.Load($"PropertyPlatform.{service}");

    private static string Folder(string service) => Path.Combine("src", service);

    private static HashSet<string> Literals(string folder) =>
        Repository.CodeFiles(folder).SelectMany(file => Repository.StringLiterals(File.ReadAllText(file))).Select(l => l.Text)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The messages the code gives a caller as a problem: a conflict's, a refusal's or a field's message, a problem's title
    /// or detail, and the kind of record not found.
    /// </summary>
    private static IEnumerable<string> ThrownMessages(string folder) =>
        from file in Repository.CodeFiles(folder)
        from literal in Repository.StringLiterals(File.ReadAllText(file))
        where GivenToCaller().IsMatch(literal.Before)
        select literal.Text;

    private static HashSet<string> Holes(string text) => [.. Hole().Matches(text).Select(hole => hole.Value)];

    /// <summary>A message as thrown, with a made-up value in each hole.</summary>
    private static string WithValues(string message) => Hole().Replace(message, hole => $"⟨{hole.Groups[1].Value}⟩");

    [GeneratedRegex(@"(?:new\s+(?:Conflict|Forbidden|NotFound)Exception\(\s*|new\s+ValidationFailedException\(\s*(?:nameof\([^)]*\)|[^;(),]{1,80}),\s*|\berrors\.Add\(\s*(?:nameof\([^)]*\)|[^;(),]{1,80}),\s*|(?<![.\w])Add\(\s*field\s*,\s*|\b(?:title|detail):\s*)\$?@?$")]
    private static partial Regex GivenToCaller();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Hole();
}
