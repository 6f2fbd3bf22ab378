namespace PropertyPlatform.AppHost.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>Passes the other resource's connection string or endpoints to this one as environment variables.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> other)
        where T : Resource
    {
        if (!builder.Resource.References.Contains(other.Resource))
        {
            builder.Resource.References.Add(other.Resource);
        }

        return builder;
    }

    /// <summary>Starts this resource only once the other one is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> other)
        where T : Resource
    {
        if (!builder.Resource.WaitsFor.Contains(other.Resource))
        {
            builder.Resource.WaitsFor.Add(other.Resource);
        }

        return builder;
    }
}
