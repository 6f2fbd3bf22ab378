using PropertyPlatform.Reception.Features.Notifications;

namespace PropertyPlatform.Reception.Tests.Features.Notifications;

public sealed class NotificationTemplatesTests
{
    [Fact]
    public void Every_template_has_the_groups_wording_in_every_language_using_only_the_fields_it_carries()
    {
        foreach (var definition in NotificationTemplates.All.Values)
        {
            definition.Defaults.Keys.Should().BeEquivalentTo(NotificationTemplates.Languages, definition.Key);
            foreach (var text in definition.Defaults.Values)
            {
                NotificationTemplates.Placeholders(text.Subject + text.Body).Should().BeSubsetOf(definition.Fields, definition.Key);
            }
        }
    }

    [Fact]
    public void A_template_is_filled_from_the_data_and_a_missing_field_is_named()
    {
        var data = new Dictionary<string, string> { ["carrier"] = "SF", ["shelf"] = "A-3" };

        NotificationTemplates.Render("{carrier} parcel on shelf {shelf}; {carrier} again", data).Should().Be("SF parcel on shelf A-3; SF again");
        FluentActions.Invoking(() => NotificationTemplates.Render("Tracking {trackingNumber}", data))
            .Should().Throw<TemplateDataMissingException>().Which.Field.Should().Be("trackingNumber");
    }
}
