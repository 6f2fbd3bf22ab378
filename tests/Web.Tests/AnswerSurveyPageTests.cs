using System.Net;
using System.Net.Http.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Owner.Surveys;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The owner's survey page as the circuit renders it, over a reception that answers the owner's unit and the survey:
/// every question's input is bound to a member of the answer sheet, which FluentUI's fields can name (an array element
/// is refused, and the page then failed with a 500 before it ever became interactive).
/// </summary>
public sealed class AnswerSurveyPageTests : EnglishComponentTest
{
    private static readonly Guid Estate = Guid.NewGuid();

    private static readonly Guid Unit = Guid.NewGuid();

    private static readonly SurveyView Survey = new(Guid.NewGuid(), Estate, "Spring satisfaction", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "Open",
    [
        new(1, "Rating", "The front desk", true, []),
        new(2, "Choice", "Improve first", true, ["Cleaning", "Security"]),
        new(3, "Text", "Anything else", false, []),
    ], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null);

    private readonly Reception _reception = new();

    public AnswerSurveyPageTests()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddFluentUIComponents();
        Context.Services.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        Context.Services.AddSingleton<FormDrafts>();
        Context.Services.AddSingleton(services => new GatewayClient(
            new HttpClient(_reception) { BaseAddress = new Uri(GatewayClient.GatewayAddress) }, services.GetRequiredService<AuthenticationStateProvider>()));
        Context.AddAuthorization().SetAuthorized("13800001234");
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

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

        _reception.Answered.Should().BeEquivalentTo(new AnswerSurveyBody(Unit, [null, null, null]));
    }

    /// <summary>Reception as the page calls it through the gateway: the owner's one unit, the survey, and the answers it is sent.</summary>
    private sealed class Reception : HttpMessageHandler
    {
        public AnswerSurveyBody? Answered { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/api/reception/units/mine")
            {
                return Json(new PageOf<OwnUnitView>([new(Unit, Estate, "North Garden", "Asia/Shanghai", "1", "101")], null));
            }

            if (path == $"/api/reception/surveys/{Survey.Id}")
            {
                return Json(Survey);
            }

            if (path == $"/api/reception/surveys/{Survey.Id}/answers" && request.Method == HttpMethod.Post)
            {
                Answered = await request.Content!.ReadFromJsonAsync<AnswerSurveyBody>(GatewayClient.Json, cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.UnprocessableEntity);
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        private static HttpResponseMessage Json<T>(T value) => new(HttpStatusCode.OK) { Content = JsonContent.Create(value, options: GatewayClient.Json) };
    }
}
