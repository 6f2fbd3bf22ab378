using System.Net;
using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// A form's state after a call: the service's field errors by their fields, a 403/404 as the plain "not yours" message,
/// a conflict as its detail, any other refusal without field errors as its problem's title; a success, or clearing, forgets them.
/// </summary>
public sealed class FormStateTests
{
    private const string NotYours = "Not yours.";
    private const string SomethingWentWrong = "Something went wrong.";

    [Fact]
    public void A_refusal_with_field_errors_shows_each_by_its_field_and_no_message()
    {
        var state = new FormState();

        var succeeded = state.Read(Refused(HttpStatusCode.BadRequest, "Invalid", ("description", ["Required.", "Too short."])), NotYours, SomethingWentWrong);

        succeeded.Should().BeFalse();
        state.ErrorFor("description").Should().Be("Required. Too short.");
        state.StateFor("description").Should().Be(Microsoft.FluentUI.AspNetCore.Components.MessageState.Error);
        state.ErrorFor("category").Should().BeNull();
        state.StateFor("category").Should().BeNull();
        state.Message.Should().BeNull();
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void A_record_not_found_or_forbidden_is_the_plain_not_yours_message(HttpStatusCode status)
    {
        var state = new FormState();

        state.Read(Refused(status, "Forbidden"), NotYours, SomethingWentWrong).Should().BeFalse();

        state.Message.Should().Be(NotYours);
        state.FieldErrors.Should().BeEmpty();
    }

    [Fact]
    public void Another_refusal_without_field_errors_keeps_the_problems_title()
    {
        var state = new FormState();

        state.Read(Refused(HttpStatusCode.Conflict, "The request was closed meanwhile."), NotYours, SomethingWentWrong);

        state.Message.Should().Be("The request was closed meanwhile.");
    }

    [Fact]
    public void A_conflict_says_what_its_detail_says_rather_than_its_bare_title()
    {
        var state = new FormState();

        state.Read(Refused(HttpStatusCode.Conflict, "Conflict.", detail: "Space P-12 is rented to unit 101 until 2026-12-31."), NotYours, SomethingWentWrong);

        state.Message.Should().Be("Space P-12 is rented to unit 101 until 2026-12-31.");
    }

    [Fact]
    public void Another_refusal_keeps_its_title_over_a_detail_meant_for_programs()
    {
        var state = new FormState();

        state.Read(Refused(HttpStatusCode.BadRequest, "The request could not be read.", detail: "Failed to read parameter \"body\" as JSON."), NotYours, SomethingWentWrong);

        state.Message.Should().Be("The request could not be read.");
    }

    [Fact]
    public void A_refusal_without_a_title_is_something_went_wrong()
    {
        var state = new FormState();

        state.Read(Refused(HttpStatusCode.InternalServerError, null), NotYours, SomethingWentWrong);

        state.Message.Should().Be(SomethingWentWrong);
    }

    [Fact]
    public void A_success_forgets_the_last_refusal()
    {
        var state = new FormState();
        state.Read(Refused(HttpStatusCode.BadRequest, "Invalid", ("description", ["Required."])), NotYours, SomethingWentWrong);
        state.Read(Refused(HttpStatusCode.Conflict, "Closed."), NotYours, SomethingWentWrong);

        state.Read(new ApiResult<string>("done", HttpStatusCode.OK, null, new Dictionary<string, string[]>()), NotYours, SomethingWentWrong)
            .Should().BeTrue();

        state.FieldErrors.Should().BeEmpty();
        state.Message.Should().BeNull();
    }

    [Fact]
    public void A_lost_session_changes_nothing()
    {
        var state = new FormState();
        state.Read(Refused(HttpStatusCode.BadRequest, "Invalid", ("description", ["Required."])), NotYours, SomethingWentWrong);

        state.Read<string>(null, NotYours, SomethingWentWrong).Should().BeFalse();

        state.ErrorFor("description").Should().Be("Required.");
    }

    [Fact]
    public void Clearing_one_field_keeps_the_others_and_the_message()
    {
        var state = new FormState();
        state.Read(Refused(HttpStatusCode.BadRequest, "Invalid", ("attachmentIds", ["sink.png: Not a photo."]), ("description", ["Required."])), NotYours, SomethingWentWrong);
        state.Message = "Kept.";

        state.ClearField("attachmentIds");

        state.ErrorFor("attachmentIds").Should().BeNull();
        state.ErrorFor("description").Should().Be("Required.");
        state.Message.Should().Be("Kept.");
    }

    [Fact]
    public void Clearing_forgets_the_field_errors_and_the_message()
    {
        var state = new FormState();
        state.Read(Refused(HttpStatusCode.BadRequest, "Invalid", ("description", ["Required."])), NotYours, SomethingWentWrong);
        state.Message = "Something.";

        state.Clear();

        state.FieldErrors.Should().BeEmpty();
        state.Message.Should().BeNull();
    }

    private static ApiResult<string> Refused(HttpStatusCode status, string? title, params (string Field, string[] Errors)[] errors) =>
        new(null, status, title, errors.ToDictionary(e => e.Field, e => e.Errors));

    private static ApiResult<string> Refused(HttpStatusCode status, string title, string detail) =>
        new(null, status, title, new Dictionary<string, string[]>(), detail);
}
