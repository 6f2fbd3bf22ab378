using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace PropertyPlatform.Web.Tests;

/// <summary>The texts one resource file holds, without falling back to another (a missing one is missing).</summary>
public static class ResourceTexts
{
    /// <summary>The English file's (the neutral resources, <c>X.resx</c>).</summary>
    public static IReadOnlyDictionary<string, string> English<TResource>() => Of<TResource>(CultureInfo.InvariantCulture);

    /// <summary>The Chinese file's (<c>X.zh-CN.resx</c>).</summary>
    public static IReadOnlyDictionary<string, string> Chinese<TResource>() => Of<TResource>(CultureInfo.GetCultureInfo("zh-CN"));

    private static Dictionary<string, string> Of<TResource>(CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
            return services.GetRequiredService<IStringLocalizer<TResource>>().GetAllStrings(includeParentCultures: false)
                .ToDictionary(s => s.Name, s => s.Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
