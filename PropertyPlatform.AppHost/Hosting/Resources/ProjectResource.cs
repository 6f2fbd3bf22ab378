namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A .NET project, run from its build output with <c>dotnet &lt;assembly&gt;.dll</c>.</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name)
{
    public override string Type => "Project";

    /// <summary>Absolute path of the .csproj file.</summary>
    public string ProjectPath { get; } = projectPath;

    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;

    public string AssemblyName => Path.GetFileNameWithoutExtension(ProjectPath);

    /// <summary>Extra variables from <c>WithEnvironment</c>.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string GetAssemblyPath(string configuration) =>
        Path.Combine(ProjectDirectory, "bin", configuration, "net10.0", AssemblyName + ".dll");
}
