using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace PropertyPlatform.Web.Tests;

/// <summary>A bunit context with localization that renders in an English culture (the texts the tests read), restoring the culture after.</summary>
public abstract class EnglishComponentTest : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    protected EnglishComponentTest(string culture = "en")
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        Context.Services.AddLocalization();
    }

    protected BunitContext Context { get; } = new();

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = _culture;
        Context.Dispose();
        GC.SuppressFinalize(this);
    }
}
