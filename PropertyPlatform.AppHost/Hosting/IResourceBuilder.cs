namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Fluent handle on one resource of the model, as in Aspire.</summary>
public interface IResourceBuilder<out T>
    where T : Resource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }
}
