using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>The ports the AppHost picks for its processes before they start listening.</summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Ports_picked_before_anyone_listens_on_them_are_never_picked_twice()
    {
        // 500 picks from the ~22,000 ports below the ephemeral range: without the reservation, a few would repeat.
        var picked = Enumerable.Range(0, 500).Select(_ => FreePorts.Next()).ToList();

        picked.Should().OnlyHaveUniqueItems();
        picked.Should().OnlyContain(port => port >= 10_000 && port < FreePorts.EphemeralRangeStart());
    }
}
