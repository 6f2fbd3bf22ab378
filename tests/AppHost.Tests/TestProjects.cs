namespace PropertyPlatform.AppHost.Tests;

/// <summary>Paths (relative to the repository root) of the small apps the tests run as project resources.</summary>
internal static class TestProjects
{
    public const string CrashyApp = "tests/AppHost.Tests/TestAssets/CrashyApp/CrashyApp.csproj";
}
