using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

public sealed class PackageAcquirerTests
{
    [Fact]
    public async Task Present_binary_needs_nothing()
    {
        var progress = new List<string>();

        await PackageAcquirer.EnsureInstalledAsync("/bin/sh", allowed: false, progress.Add, TestContext.Current.CancellationToken);

        progress.Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_binary_without_permission_to_install_names_what_to_install()
    {
        var acquire = () => PackageAcquirer.EnsureInstalledAsync(
            "/usr/lib/postgresql/99/bin/postgres", allowed: false, _ => { }, TestContext.Current.CancellationToken);

        (await acquire.Should().ThrowAsync<DistributedApplicationException>())
            .Which.Message.Should().Contain("apt-get install -y postgresql-15 rabbitmq-server");
    }
}
