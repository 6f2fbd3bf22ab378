using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace PropertyPlatform.ServiceDefaults.Problems;

/// <summary>
/// A problem's words in the reader's language. The services write their rules' messages in English where they are
/// thrown; a service's <c>Resources/ProblemTexts.zh-CN.resx</c> (then this project's own, for the shared titles and
/// rules) holds each message's Chinese, named by its English. A message with values (<c>$"… at {when} by {who}."</c>)
/// is named with numbered holes (<c>… at {0} by {1}.</c>); a value that has a Chinese of its own (a record's kind in
/// "{0} '{1}' was not found.") is said in Chinese too. A message with no Chinese stays English.
/// </summary>
public sealed partial class ProblemTexts
{
    /// <summary>The one language besides English the services speak.</summary>
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private const string ResourceName = ".Resources.ProblemTexts.resources";

    private readonly Dictionary<string, string> _exact = new(StringComparer.Ordinal);
    private readonly List<(string English, Regex Pattern, string Chinese)> _withValues = [];

    /// <param name="assemblies">Where the texts are, the first to name a message winning: the service, then the shared ones.</param>
    public ProblemTexts(params IEnumerable<Assembly> assemblies)
    {
        var withValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (english, chinese) in assemblies.SelectMany(ChineseIn))
        {
            if (HoleInText().IsMatch(english))
            {
                withValues.TryAdd(english, chinese);
            }
            else
            {
                _exact.TryAdd(english, chinese);
            }
        }

        // The most particular pattern first: "{0} '{1}' was not found." must not take a message a longer one names.
        foreach (var (english, chinese) in withValues.OrderByDescending(t => HoleInText().Replace(t.Key, "").Length))
        {
            var pattern = "^" + string.Concat(HoleOrText().Matches(english).Select(part =>
                part.Groups["hole"].Success ? $"(?<v{part.Groups["hole"].Value}>.+?)" : Regex.Escape(part.Value))) + "$";
            _withValues.Add((english, new Regex(pattern, RegexOptions.Singleline | RegexOptions.CultureInvariant), chinese));
        }
    }

    /// <summary>The English messages that have a Chinese, as named in the resource files (for the tests that keep them true).</summary>
    public IEnumerable<string> Named => _exact.Keys.Concat(_withValues.Select(t => t.English));

    /// <summary>The message in Chinese, or as it was when no Chinese names it.</summary>
    public string InChinese(string english)
    {
        if (_exact.TryGetValue(english, out var chinese))
        {
            return chinese;
        }

        foreach (var (_, pattern, template) in _withValues)
        {
            var match = pattern.Match(english);
            if (match.Success)
            {
                return HoleInText().Replace(template, hole =>
                {
                    var value = match.Groups["v" + hole.Groups["hole"].Value];
                    return !value.Success ? hole.Value : _exact.GetValueOrDefault(value.Value, value.Value);
                });
            }
        }

        return english;
    }

    /// <summary>Says the problem in Chinese when the request prefers Chinese: its title, its detail and each field's errors.</summary>
    public void Translate(ProblemDetails problem, HttpContext context)
    {
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        if (!PrefersChinese(context.Request))
        {
            return;
        }

        problem.Title = problem.Title is null ? null : InChinese(problem.Title);
        problem.Detail = problem.Detail is null ? null : InChinese(problem.Detail);
        if (problem is HttpValidationProblemDetails validation)
        {
            foreach (var field in validation.Errors.Keys.ToList())
            {
                validation.Errors[field] = [.. validation.Errors[field].Select(InChinese)];
            }
        }

        context.Response.Headers.ContentLanguage = Chinese.Name;
    }

    /// <summary>Whether the reader's most wanted language (Accept-Language, by quality) is Chinese rather than English.</summary>
    public static bool PrefersChinese(HttpRequest request)
    {
        var wanted = request.GetTypedHeaders().AcceptLanguage
            .Where(language => language.Quality is not 0)
            .OrderByDescending(language => language.Quality ?? 1);
        foreach (var language in wanted)
        {
            var name = language.Value.Value ?? "";
            if (name.Equals("zh", StringComparison.OrdinalIgnoreCase) || name.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (name is "*" || name.Equals("en", StringComparison.OrdinalIgnoreCase) || name.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return false;
    }

    private static IEnumerable<(string English, string Chinese)> ChineseIn(Assembly assembly)
    {
        var neutral = assembly.GetManifestResourceNames().SingleOrDefault(name => name.EndsWith(ResourceName, StringComparison.Ordinal));
        if (neutral is null)
        {
            yield break;
        }

        var texts = new ResourceManager(neutral[..^".resources".Length], assembly).GetResourceSet(Chinese, createIfNotExists: true, tryParents: false);
        if (texts is null)
        {
            yield break;
        }

        foreach (DictionaryEntry text in texts)
        {
            if (text is { Key: string english, Value: string chinese } && chinese.Length > 0)
            {
                yield return (english, chinese);
            }
        }
    }

    [GeneratedRegex(@"\{(?<hole>\d+)\}")]
    private static partial Regex HoleInText();

    [GeneratedRegex(@"\{(?<hole>\d+)\}|[^{]+|\{")]
    private static partial Regex HoleOrText();
}
