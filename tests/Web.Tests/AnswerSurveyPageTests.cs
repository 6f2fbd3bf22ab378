using System.Net;
using System.Text.Json;
using Bunit;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Owner.Surveys;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The owner's survey page as the circuit renders it, over a reception that answers the owner's unit and the survey:
/// every question's input is bound to a member of the answer sheet, which FluentUI's fields can name (an array element
/// is refused, and the page then failed with a 500 before it ever became interactive).
/// </summary>
public sealed class AnswerSurveyPageTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();

    private static readonly Guid Unit = Guid.NewGuid();

    private static readonly SurveyView Survey = new(Guid.NewGuid(), Estate, "Spring satisfaction", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "Open",
    [
        new(1, "Rating", "The front desk", true, []),
        new(2, "Choice", "Improve first", true, ["Cleaning", "Security"]),
        new(3, "Text", "Anything else", false, []),
    ], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null);

    public AnswerSurveyPageTests() => User.SetAuthorized("13800001234");

    [Fact]
    public async Task Each_question_is_asked_with_the_input_of_its_kind_and_one_left_blank_is_sent_as_no_answer_for_the_owners_unit()
    {
        var page = Context.Render<AnswerSurvey>(p => p.Add(s => s.Id, Survey.Id));

        page.WaitForElement("form[data-interactive=true]");
        page.Find("#question-1").LocalName.Should().Be("fluent-dropdown");
        page.FindAll("#question-1 fluent-option").Select(o => o.TextContent.Trim()).Should().HaveCount(6).And.Contain("4 · Satisfied");
        page.FindAll("#question-2 fluent-option").Select(o => o.TextContent.Trim()).Should().EndWith(["Cleaning", "Security"]);
        page.Find("#question-3").LocalName.Should().Be("fluent-textarea");

        await page.Find("form").SubmitAsync();

        JsonSerializer.Deserialize<AnswerSurveyBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json)
            .Should().BeEquivalentTo(new AnswerSurveyBody(Unit, [null, null, null]));
    }

    /// <summary>Reception as the page calls it through the gateway: the owner's one unit, the survey, and refusing the answers it is sent.</summary>
    protected override object? Answer(HttpRequestMessage request) => request.RequestUri!.AbsolutePath switch
    {
        "/api/reception/units/mine" => new PageOf<OwnUnitView>([new(Unit, Estate, "North Garden", "Asia/Shanghai", "1", "101")], null),
        var p when p == $"/api/reception/surveys/{Survey.Id}/answers" && request.Method == HttpMethod.Post => new HttpResponseMessage(HttpStatusCode.UnprocessableEntity),
        var p when p == $"/api/reception/surveys/{Survey.Id}" => Survey,
        _ => null,
    };
}
