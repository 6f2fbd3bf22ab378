using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PropertyPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Settings that are convenient on a developer's machine and dangerous anywhere else stop the service at start,
/// with a message naming each one, instead of running quietly: outside Development and Testing a service refuses
/// demo data (accounts with published passwords), plain HTTP, the Testing settings file (secrets everyone knows) and
/// whatever the service itself reports as unsafe.
/// </summary>
public static class ProductionSafety
{
    public const string TestingSettingsFile = "appsettings.Testing.json";

    private static readonly string[] DevelopmentSwitches = ["SeedDemoData", "AllowHttp"];

    /// <summary>Development and Testing (the test suites) may use demo data, plain HTTP and test settings.</summary>
    public static bool IsDeveloperEnvironment(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>
    /// Throws, outside Development and Testing, when <c>&lt;section&gt;:SeedDemoData</c> or <c>&lt;section&gt;:AllowHttp</c>
    /// is on, when the Testing settings file lies beside the service, or when <paramref name="unsafeSettings"/> (the
    /// service's own findings, each naming its setting) is not empty.
    /// </summary>
    public static IHostApplicationBuilder RefuseDevelopmentSettings(
        this IHostApplicationBuilder builder, string section, params IEnumerable<string> unsafeSettings)
    {
        if (builder.Environment.IsDeveloperEnvironment())
        {
            return builder;
        }

        var problems = DevelopmentSwitches
            .Where(name => builder.Configuration.GetValue<bool>($"{section}:{name}"))
            .Select(name => $"{section}:{name} is on: it is for Development only.")
            .Concat(new[] { builder.Environment.ContentRootPath, AppContext.BaseDirectory }
                .Distinct()
                .Where(folder => File.Exists(Path.Combine(folder, TestingSettingsFile)))
                .Select(folder => $"{Path.Combine(folder, TestingSettingsFile)} is present: the Testing settings hold secrets everyone knows; remove it from the build."))
            .Concat(unsafeSettings)
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"{builder.Environment.ApplicationName} refuses to start in {builder.Environment.EnvironmentName}:{Environment.NewLine}- "
                + string.Join($"{Environment.NewLine}- ", problems));
        }

        return builder;
    }

    /// <summary>
    /// Outside Development and Testing, the service does not start unless its data-protection keys (cookies,
    /// antiforgery tokens) are kept in a configured repository: the default one may live in memory or in a home folder
    /// that a restart or another instance does not share, and every signed-in session would end with it.
    /// </summary>
    public static IHostApplicationBuilder RequirePersistedDataProtectionKeys(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDeveloperEnvironment())
        {
            builder.Services.AddOptions<KeyManagementOptions>()
                .Validate(
                    options => options.XmlRepository is not null,
                    "The data-protection keys are not persisted: configure a key repository (PersistKeysTo...) shared by every instance.")
                .ValidateOnStart();
        }

        return builder;
    }
}
