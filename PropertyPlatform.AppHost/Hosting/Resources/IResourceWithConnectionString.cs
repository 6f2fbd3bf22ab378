namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A resource that a reference turns into <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Available once the application is built (ports and secrets are known then).</summary>
    string GetConnectionString();
}
