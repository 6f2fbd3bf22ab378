using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Training;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The trainer enrols staff on a session from its page: the pick is the estate's staff still employed (hr-training's
/// roster, every page of it) less those already on the class list; hr-training's error about the person shows under
/// the field.
/// </summary>
public sealed class SessionEnrolmentTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly Guid SessionId = Guid.NewGuid();
    private static readonly Guid CourseId = Guid.NewGuid();
    private static readonly StaffView LiNa = Person("Li Na", "gate guard");
    private static readonly StaffView WangFang = Person("Wang Fang", "technician");
    private static readonly StaffView ZhaoLei = Person("Zhao Lei", "technician");
    private const string NotInEstate = "Wang Fang does not work in this estate (or no longer works).";
    private readonly List<SessionEnrolmentView> _class = [Enrolled(LiNa)];

    public SessionEnrolmentTests()
    {
        User.SetAuthorized("trainer.north");
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"training/sessions/{SessionId}?estate={Estate}");
    }

    private static StaffView Person(string name, string position) => new(Guid.NewGuid(), name, position, [], Estate, [Estate], "Active");

    private static SessionEnrolmentView Enrolled(StaffView person) =>
        new(new EnrolmentView(Guid.NewGuid(), SessionId, CourseId, person.StaffId, null, 0, null, false, null, null, "Enrolled", null), person.DisplayName);

    private IRenderedComponent<Session> Render()
    {
        var page = Context.Render<Session>(p => p.Add(c => c.Id, SessionId));
        page.WaitForElement("form[data-interactive=true] #staffId");
        return page;
    }

    private static async Task EnrolAsync(IRenderedComponent<Session> page, string name)
    {
        var option = page.FindAll("#staffId fluent-option").Single(o => o.TextContent.Contains(name, StringComparison.Ordinal));
        await page.Find("#staffId").TriggerEventAsync("ondropdownchange", new DropdownEventArgs { Id = "staffId", SelectedOptions = option.Id });
        await page.Find("#staffId").Closest("form")!.SubmitAsync();
    }

    [Fact]
    public async Task The_trainer_picks_someone_of_the_estate_not_yet_enrolled_and_they_join_the_class_list()
    {
        var page = Render();

        Asked.Should().Contain($"/api/hr-training/staff?estateId={Estate}&status=Active&limit=100")
            .And.Contain($"/api/hr-training/staff?estateId={Estate}&status=Active&limit=100&cursor=page-2", "the whole roster of the estate, page after page");
        page.FindAll("#staffId fluent-option").Select(o => o.TextContent.Trim())
            .Should().Equal(["Wang Fang · technician", "Zhao Lei · technician"], "Li Na is on the class list already");

        await EnrolAsync(page, "Zhao Lei");

        Asked.Should().Contain($"/api/hr-training/training/sessions/{SessionId}/enrolments");
        JsonSerializer.Deserialize<EnrolBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json).Should().Be(new EnrolBody(ZhaoLei.StaffId));
        page.WaitForAssertion(() => page.Find("[data-testid=staff-enrolled]").OuterHtml.Should().Contain("Zhao Lei is enrolled."));
        page.FindAll("tr[data-enrolment-id]").Select(r => r.QuerySelector("td")!.TextContent).Should().Equal("Li Na", "Zhao Lei");
        page.FindAll("#staffId fluent-option").Select(o => o.TextContent.Trim()).Should().Equal("Wang Fang · technician");
    }

    [Fact]
    public async Task Hr_trainings_error_about_the_person_shows_under_the_staff_field()
    {
        var page = Render();

        await EnrolAsync(page, "Wang Fang");

        JsonSerializer.Deserialize<EnrolBody>(Sent.Single(), GatewayClient.Json).Should().Be(new EnrolBody(WangFang.StaffId));
        page.WaitForAssertion(() => page.Find("#staffId-field").TextContent.Should().Contain(NotInEstate));
        page.FindAll("tr[data-enrolment-id]").Should().ContainSingle("nobody joined");
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var query = Uri.UnescapeDataString(request.RequestUri.Query);
        if (request.Method == HttpMethod.Post && path == $"/api/hr-training/training/sessions/{SessionId}/enrolments")
        {
            var staffId = JsonSerializer.Deserialize<EnrolBody>(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult(), GatewayClient.Json)!.StaffId;
            if (staffId == WangFang.StaffId)
            {
                return FieldProblem("staffId", NotInEstate, "Bad input");
            }

            var enrolled = Enrolled(ZhaoLei);
            _class.Add(enrolled);
            return enrolled.Enrolment;
        }

        return path switch
        {
            var p when p == $"/api/reception/estates/{Estate}" => new EstateView(Estate, "North Garden", "Asia/Shanghai"),
            var p when p == $"/api/hr-training/training/sessions/{SessionId}" =>
                new SessionView(SessionId, Estate, CourseId, new DateTimeOffset(2026, 12, 10, 1, 0, 0, TimeSpan.Zero), "trainer.north"),
            var p when p == $"/api/hr-training/training/courses/{CourseId}" =>
                new CourseView(CourseId, Estate, "Gate post basics", "Knowledge", null, "gate", 60, 2, false, 12),
            var p when p == $"/api/hr-training/training/sessions/{SessionId}/enrolments" => _class.ToList(),
            "/api/hr-training/staff" when query.Contains("cursor=page-2", StringComparison.Ordinal) => new PageOf<StaffView>([WangFang], null),
            "/api/hr-training/staff" => new PageOf<StaffView>([ZhaoLei, LiNa], "page-2"),
            _ => null,
        };
    }
}
