using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Training;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The trainer's courses: the estate's list fifty at a time, a new course as hr-training takes it, and a session of a
/// course scheduled on the estate's clock (sent as its wall-clock time, shown back in the estate's time zone);
/// hr-training's field errors show under their fields.
/// </summary>
public sealed class CoursesPageTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private const string PassMarkRange = "Required, 1 to 100 (per cent).";
    private const string StartsAtRequired = "Required, as yyyy-MM-ddTHH:mm (the estate's local time, no offset).";
    private readonly List<CourseView> _courses = [Course("Gate post basics", null, "gate")];
    private readonly List<CourseView> _secondPage = [];
    private readonly Guid _sessionId = Guid.NewGuid();
    private bool _sessionLost;

    public CoursesPageTests()
    {
        User.SetAuthorized("trainer.north");
        User.SetClaims(new Claim(PlatformClaims.Subject, "trainer-north"));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"training/courses?estate={Estate}");
    }

    private static CourseView Course(string title, string? trade, string? post) =>
        new(Guid.NewGuid(), Estate, title, "Knowledge", trade, post, 60, 2, false, 12);

    private IRenderedComponent<Courses> Render()
    {
        var page = Context.Render<Courses>();
        page.WaitForElement("form[data-interactive=true]");
        return page;
    }

    private static async Task PickAsync(IRenderedComponent<Courses> page, string select, string text)
    {
        var option = page.FindAll($"#{select} fluent-option").Single(o => o.TextContent.Trim() == text);
        await page.Find($"#{select}").TriggerEventAsync("ondropdownchange", new DropdownEventArgs { Id = select, SelectedOptions = option.Id });
    }

    [Fact]
    public async Task The_trainer_creates_a_course_certifying_a_trade_and_it_is_listed()
    {
        var page = Render();

        await page.Find("#title").ChangeAsync(new ChangeEventArgs { Value = "Plumbing refresher" });
        await PickAsync(page, "category", "Skills");
        await PickAsync(page, "trade", "Plumbing");
        await page.Find("#passMark").ChangeAsync(new ChangeEventArgs { Value = "70" });
        await page.Find("#maxAttempts").ChangeAsync(new ChangeEventArgs { Value = "3" });
        await page.Find("#validityMonths").ChangeAsync(new ChangeEventArgs { Value = "24" });
        await page.Find("form").SubmitAsync();

        Asked.Should().Contain("/api/hr-training/training/courses");
        JsonSerializer.Deserialize<CreateCourseBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json)
            .Should().Be(new CreateCourseBody(Estate, "Plumbing refresher", "Skills", "plumbing", null, 70, 3, false, 24));
        page.WaitForAssertion(() => page.Find("[data-testid=course-created]").OuterHtml.Should().Contain("Plumbing refresher"));
        var row = page.FindAll("tr").Single(r => r.TextContent.Contains("Plumbing refresher", StringComparison.Ordinal));
        row.TextContent.Should().Contain("Skills").And.Contain("Trade: Plumbing").And.Contain("24 months");
        page.Find("#title").GetAttribute("value").Should().BeNullOrEmpty("the form starts afresh for the next course");
    }

    [Fact]
    public async Task Hr_trainings_error_about_the_pass_mark_shows_under_the_pass_mark_field()
    {
        var page = Render();

        await page.Find("#title").ChangeAsync(new ChangeEventArgs { Value = "Front desk etiquette" });
        await page.Find("#passMark").ChangeAsync(new ChangeEventArgs { Value = "150" });
        await page.Find("form").SubmitAsync();

        JsonSerializer.Deserialize<CreateCourseBody>(Sent.Single(), GatewayClient.Json)!.PassMark.Should().Be(150, "what is typed goes as it is");
        page.WaitForAssertion(() => page.Find("#passMark-field").TextContent.Should().Contain(PassMarkRange));
        page.Find("#title-field").TextContent.Should().NotContain(PassMarkRange);
        page.Markup.Should().NotContain("Front desk etiquette</td>", "nothing was created");
    }

    [Fact]
    public async Task The_list_shows_fifty_courses_at_a_time_and_the_next_ones_on_request()
    {
        _secondPage.Add(Course("Elevator rescue drill", "elevator", null));
        var page = Render();

        Asked.Should().Contain($"/api/hr-training/training/courses?estateId={Estate}&limit=50");
        page.Markup.Should().NotContain("Elevator rescue drill");
        await page.Find("[data-testid=more-courses]").ClickAsync(new());

        Asked.Should().Contain($"/api/hr-training/training/courses?estateId={Estate}&limit=50&cursor=page-2");
        page.WaitForAssertion(() => page.FindAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent)
            .Should().Equal("Gate post basics", "Elevator rescue drill"));
        page.FindAll("[data-testid=more-courses]").Should().BeEmpty("that was the last page");
    }

    [Fact]
    public async Task A_session_is_scheduled_at_the_estates_wall_clock_time_and_shown_back_in_the_estates_time()
    {
        var course = _courses[0];
        var page = Render();

        await page.Find($"tr[data-course-id='{course.Id}'] fluent-button").ClickAsync(new());
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime).AddDays(1);
        page.Find("#startsAt").GetAttribute("value").Should().Be(tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T09:00",
            "the picker starts at 09:00 tomorrow on the estate's clock");
        // A browser adds the seconds when they were set; hr-training takes the estate's wall clock to the minute.
        await page.Find("#startsAt").ChangeAsync(new ChangeEventArgs { Value = "2026-12-10T09:30:00" });
        await page.Find("form").SubmitAsync();

        Asked.Should().Contain("/api/hr-training/training/sessions");
        JsonSerializer.Deserialize<ScheduleSessionBody>(Sent.Single(), GatewayClient.Json).Should().Be(new ScheduleSessionBody(course.Id, "2026-12-10T09:30"));
        page.WaitForAssertion(() => page.Find("[data-testid=session-scheduled]").OuterHtml.Should().Contain("Gate post basics").And.Contain("9:30"),
            TimeSpan.FromSeconds(5));
        page.Find("[data-testid=session-scheduled] a").GetAttribute("href").Should().Be($"training/sessions/{_sessionId}?estate={Estate}");
    }

    [Fact]
    public async Task Hr_trainings_error_about_the_start_shows_under_the_start_field()
    {
        var page = Render();

        await page.Find("tbody fluent-button").ClickAsync(new());
        await page.Find("#startsAt").ChangeAsync(new ChangeEventArgs { Value = "" });
        await page.Find("form").SubmitAsync();

        JsonSerializer.Deserialize<ScheduleSessionBody>(Sent.Single(), GatewayClient.Json)!.StartsAt.Should().BeNull();
        page.WaitForAssertion(() => page.Find("#startsAt-field").TextContent.Should().Contain(StartsAtRequired));
        page.Find("#startsAt").GetAttribute("aria-invalid").Should().Be("true");
        page.FindAll("[data-testid=session-scheduled]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_course_typed_when_the_session_was_lost_is_back_in_the_form_once_the_trainer_is_back()
    {
        _sessionLost = true;
        var page = Render();
        await page.Find("#title").ChangeAsync(new ChangeEventArgs { Value = "Lift rescue drill" });
        await page.Find("#passMark").ChangeAsync(new ChangeEventArgs { Value = "80" });
        await page.Find("form").SubmitAsync();
        page.FindAll("[data-testid=course-created]").Should().BeEmpty();

        _sessionLost = false;
        var back = Render();

        back.WaitForElement("[data-testid=draft-restored]");
        back.Find("#title").GetAttribute("value").Should().Be("Lift rescue drill");
        back.Find("#passMark").GetAttribute("value").Should().Be("80");
    }


    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var query = Uri.UnescapeDataString(request.RequestUri.Query);
        if (request.Method == HttpMethod.Post)
        {
            if (_sessionLost)
            {
                throw new SessionLostException("The session has ended.");
            }

            var body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            switch (path)
            {
                case "/api/hr-training/training/courses":
                    var create = JsonSerializer.Deserialize<CreateCourseBody>(body, GatewayClient.Json)!;
                    if (create.PassMark is not (>= 1 and <= 100))
                    {
                        return FieldProblem("passMark", PassMarkRange, "Bad input");
                    }

                    var course = new CourseView(Guid.NewGuid(), create.EstateId, create.Title!, create.Category!, create.Trade, create.Post, create.PassMark.Value,
                        create.MaxAttempts!.Value, create.RequiresPracticalCheck, create.ValidityMonths!.Value);
                    _courses.Add(course);
                    return course;
                case "/api/hr-training/training/sessions":
                    var schedule = JsonSerializer.Deserialize<ScheduleSessionBody>(body, GatewayClient.Json)!;
                    if (schedule.StartsAt is null)
                    {
                        return FieldProblem("startsAt", StartsAtRequired, "Bad input");
                    }

                    // 09:30 in Shanghai (UTC+8) is 01:30 UTC: the page shows it back on the estate's clock.
                    return new SessionView(_sessionId, Estate, schedule.CourseId, new DateTimeOffset(2026, 12, 10, 1, 30, 0, TimeSpan.Zero), "trainer.north");
            }
        }

        return path switch
        {
            "/api/hr-training/training/courses" when query.Contains("cursor=page-2", StringComparison.Ordinal) => new PageOf<CourseView>(_secondPage, null),
            "/api/hr-training/training/courses" => new PageOf<CourseView>([.. _courses], _secondPage.Count > 0 ? "page-2" : null),
            var p when p == $"/api/reception/estates/{Estate}" => new EstateView(Estate, "North Garden", "Asia/Shanghai"),
            _ => null,
        };
    }
}
