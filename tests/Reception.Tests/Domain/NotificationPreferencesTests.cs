using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class NotificationPreferencesTests
{
    private static NotificationPreferences Quiet(string from, string until)
    {
        var preferences = NotificationPreferences.Defaults(RecipientKind.Owner, Guid.NewGuid(), Guid.NewGuid());
        preferences.Change("zh", null, false, true, TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow);
        return preferences;
    }

    [Theory]
    [InlineData("22:00", "07:00", "2026-12-01 23:30", "2026-12-02 07:00")]
    [InlineData("22:00", "07:00", "2026-12-02 06:59", "2026-12-02 07:00")]
    [InlineData("22:00", "07:00", "2026-12-02 07:00", "2026-12-02 07:00")]
    [InlineData("22:00", "07:00", "2026-12-02 12:00", "2026-12-02 12:00")]
    [InlineData("12:00", "14:00", "2026-12-02 13:10", "2026-12-02 14:00")]
    [InlineData("12:00", "14:00", "2026-12-02 11:59", "2026-12-02 11:59")]
    public void A_message_in_quiet_hours_waits_for_their_end_in_estate_time_even_past_midnight(string from, string until, string localNow, string expected)
    {
        var at = DateTime.Parse(localNow, System.Globalization.CultureInfo.InvariantCulture);

        Quiet(from, until).EndOfQuietHours(at).Should().Be(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Without_quiet_hours_a_message_goes_at_once_and_half_a_window_is_refused()
    {
        var preferences = NotificationPreferences.Defaults(RecipientKind.Staff, Guid.NewGuid(), Guid.NewGuid());
        var at = new DateTime(2026, 12, 2, 3, 0, 0);

        preferences.EndOfQuietHours(at).Should().Be(at);
        preferences.Invoking(p => p.Change("en", null, false, true, new TimeOnly(22, 0), null, DateTimeOffset.UtcNow)).Should().Throw<ArgumentException>();
        preferences.Invoking(p => p.Change("en", null, emailEnabled: true, true, null, null, DateTimeOffset.UtcNow)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_failed_attempt_is_retried_after_each_delay_then_the_delivery_has_failed()
    {
        var now = DateTimeOffset.UtcNow;
        var notification = Notification.Create(Guid.NewGuid(), RecipientKind.Owner, Guid.NewGuid(), "parcel-arrived", "zh", "s", "b",
            new Dictionary<string, string>(), false, Guid.NewGuid(), Guid.NewGuid(), now, null);
        var delivery = notification.Deliver(NotificationChannel.Email, "a@example.com", now);
        TimeSpan[] delays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

        delivery.AttemptFailed("refused", now, delays);
        delivery.Should().Match<NotificationDelivery>(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt == now.AddMinutes(1));
        delivery.AttemptFailed("refused", now.AddMinutes(1), delays);
        delivery.NextAttemptAt.Should().Be(now.AddMinutes(6));
        delivery.AttemptFailed("refused again", now.AddMinutes(6), delays);
        delivery.Should().Match<NotificationDelivery>(d => d.Status == DeliveryStatus.Failed && d.NextAttemptAt == null && d.Attempts == 3 && d.LastError == "refused again");

        delivery.Retry("b@example.com", now.AddHours(1)).Should().BeTrue();
        delivery.Should().Match<NotificationDelivery>(d => d.Status == DeliveryStatus.Pending && d.Attempts == 0 && d.Address == "b@example.com");
        delivery.Retry("b@example.com", now.AddHours(1)).Should().BeFalse("only a failed delivery is sent again");
    }
}
