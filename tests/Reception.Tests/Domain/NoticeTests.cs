using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class NoticeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Building = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();

    private static Notice To(NoticeAudience audience, Guid? building = null, Guid? unit = null, DateTimeOffset? publishAt = null, DateTimeOffset? expiresAt = null) =>
        Notice.Publish(Guid.NewGuid(), audience, building, unit, "Water off", "Tuesday 9-12", publishAt ?? Now, expiresAt, "clerk-1", Now);

    [Fact]
    public void A_notice_names_exactly_the_target_of_its_audience()
    {
        var estateWithBuilding = () => To(NoticeAudience.Estate, building: Building);
        var buildingWithoutOne = () => To(NoticeAudience.Building);
        var unitWithBuilding = () => To(NoticeAudience.Unit, building: Building, unit: Unit);

        estateWithBuilding.Should().Throw<ArgumentException>();
        buildingWithoutOne.Should().Throw<ArgumentException>();
        unitWithBuilding.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_notice_shows_from_its_publish_time_until_it_expires()
    {
        var notice = To(NoticeAudience.Estate, publishAt: Now.AddHours(1), expiresAt: Now.AddHours(3));

        notice.IsShowing(Now).Should().BeFalse();
        notice.IsShowing(Now.AddHours(1)).Should().BeTrue();
        notice.IsShowing(Now.AddHours(3).AddTicks(-1)).Should().BeTrue();
        notice.IsShowing(Now.AddHours(3)).Should().BeFalse();
    }

    [Fact]
    public void A_notice_expires_after_it_is_published()
    {
        var expiresFirst = () => To(NoticeAudience.Estate, publishAt: Now, expiresAt: Now);

        expiresFirst.Should().Throw<ArgumentException>();
    }
}
