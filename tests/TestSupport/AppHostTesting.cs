using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using PropertyPlatform.AppHost;

namespace PropertyPlatform.TestSupport;

/// <summary>The AppHost's own model in a test, through Aspire.Hosting.Testing.</summary>
public static class AppHostTesting
{
    /// <summary>Only PostgreSQL and RabbitMQ: what a service test runs its service in process against.</summary>
    public const string InfrastructureOnly = "--AppHost:InfrastructureOnly=true";

    /// <summary>
    /// The model with a state folder of its own, fast (fsync-less) PostgreSQL, a free gateway port and the Testing
    /// environment, plus <paramref name="arguments"/>.
    /// </summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateBuilderAsync(DirectoryInfo state, CancellationToken cancellationToken, params string[] arguments) =>
        DistributedApplicationTestingBuilder.CreateAsync(
            typeof(PlatformModel),
            [
                $"--AppHost:StateDirectory={state.FullName}",
                "--AppHost:FastInfrastructure=true",
                "--AppHost:GatewayPort=0",
                "--AppHost:Environment=Testing",
                .. arguments,
            ],
            cancellationToken);

    /// <summary>
    /// How long a start of the whole model may take: CI runs two test projects side by side on two cores, and a full
    /// start that takes under 2 minutes alone has taken more than 5 there.
    /// </summary>
    public static readonly TimeSpan FullStartTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The builder of the project resource <paramref name="name"/>, to give it more environment.</summary>
    public static IResourceBuilder<ProjectResource> Project(this IDistributedApplicationTestingBuilder builder, string name) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name));
}
