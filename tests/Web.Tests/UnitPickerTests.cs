using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Tests;

/// <summary>The unit field: reception's number search as the clerk types, the unit's id bound, its label shown.</summary>
public sealed class UnitPickerTests : EnglishComponentTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly UnitView B1502 = new(Guid.NewGuid(), Estate, Guid.NewGuid(), "B", "1502", 15);
    private static readonly UnitView A1502 = new(Guid.NewGuid(), Estate, Guid.NewGuid(), "A", "1502", 15);
    private static readonly UnitView A1503 = new(Guid.NewGuid(), Estate, Guid.NewGuid(), "A", "1503", 15);

    private readonly Reception _reception = new([B1502, A1503, A1502]);

    public UnitPickerTests()
    {
        Context.Services.AddFluentUIComponents();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddSingleton(new GatewayClient(new HttpClient(_reception) { BaseAddress = new Uri(GatewayClient.GatewayAddress) }, new Anonymous()));
    }

    /// <summary>
    /// Reception's unit list: answers every call with <paramref name="units"/>, filtered by ids or by the start of the
    /// number when asked; records the paths. A search for a number in <see cref="Held"/> is answered once that is done.
    /// </summary>
    private sealed class Reception(UnitView[] units) : HttpMessageHandler
    {
        public List<string> Asked { get; } = [];

        public Dictionary<string, Task> Held { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked.Add(Uri.UnescapeDataString(request.RequestUri!.PathAndQuery));
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            var ids = query["ids"]?.Split(',');
            var number = query["number"];
            if (number is not null && Held.TryGetValue(number, out var held))
            {
                await held;
            }

            var items = ids is not null ? [.. units.Where(u => ids.Contains(u.Id.ToString()))]
                : number is not null ? [.. units.Where(u => u.Number.StartsWith(number, StringComparison.Ordinal))]
                : units;
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new PageOf<UnitView>(items, null), options: GatewayClient.Json),
            };
        }
    }

    private sealed class Anonymous : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(new ClaimsPrincipal()));
    }

    private IRenderedComponent<UnitPicker> Render(string? value = "", string? status = null, string? message = null, Action<string?>? changed = null) =>
        Context.Render<UnitPicker>(picker => picker
            .Add(p => p.EstateId, Estate)
            .Add(p => p.Label, "Unit")
            .Add(p => p.Status, status)
            .Add(p => p.Message, message)
            .Add(p => p.Value, value)
            .Add(p => p.ValueChanged, (string? id) => changed?.Invoke(id)));

    private static FluentAutocomplete<UnitView, string> Field(IRenderedComponent<UnitPicker> picker) =>
        picker.FindComponent<FluentAutocomplete<UnitView, string>>().Instance;

    [Fact]
    public async Task What_is_typed_is_searched_at_reception_in_the_estate_with_the_status_and_offered_in_receptions_number_order()
    {
        var picker = Render(status: "Vacant");
        var search = new OptionsSearchEventArgs<UnitView> { Text = " 150 " };

        await picker.InvokeAsync(() => Field(picker).OnOptionsSearch.InvokeAsync(search));

        _reception.Asked.Should().ContainSingle().Which.Should().Be(
            $"/api/reception/units?estateId={Estate}&number=150&status=Vacant&limit={UnitSearch.Offered}");
        search.Items!.Select(u => u.Label).Should().Equal(["B – 1502", "A – 1503", "A – 1502"], "reception orders the matches (101 before 1001); the field does not sort them again");
    }

    [Fact]
    public async Task A_search_answered_after_a_later_one_does_not_bring_back_its_older_matches()
    {
        var picker = Render();
        var answer = new TaskCompletionSource();
        _reception.Held["1"] = answer.Task;
        var early = new OptionsSearchEventArgs<UnitView> { Text = "1" };
        var later = new OptionsSearchEventArgs<UnitView> { Text = "1503" };

        var earlySearch = Task.CompletedTask;
        await picker.InvokeAsync(() => { earlySearch = Field(picker).OnOptionsSearch.InvokeAsync(early); });
        await picker.InvokeAsync(() => Field(picker).OnOptionsSearch.InvokeAsync(later));
        answer.SetResult();
        await picker.InvokeAsync(() => earlySearch);

        later.Items!.Select(u => u.Label).Should().Equal("A – 1503");
        early.Items!.Select(u => u.Label).Should().Equal(["A – 1503"], "what \"1\" matched arrived after the clerk typed on; the field keeps offering what \"1503\" matched");
    }

    [Fact]
    public async Task Nothing_typed_asks_reception_nothing()
    {
        var picker = Render();
        var search = new OptionsSearchEventArgs<UnitView> { Text = "  " };

        await picker.InvokeAsync(() => Field(picker).OnOptionsSearch.InvokeAsync(search));

        _reception.Asked.Should().BeEmpty();
        search.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task The_unit_chosen_binds_its_id_and_clearing_it_binds_none()
    {
        var bound = new List<string?>();
        var picker = Render(changed: bound.Add);

        await picker.InvokeAsync(() => Field(picker).SelectedItemChanged.InvokeAsync(B1502));
        await picker.InvokeAsync(() => Field(picker).SelectedItemChanged.InvokeAsync(null));

        bound.Should().Equal(B1502.Id.ToString(), "");
    }

    [Fact]
    public void A_unit_set_from_outside_is_looked_up_by_its_id_and_shown_by_its_label()
    {
        var picker = Render(value: A1503.Id.ToString());

        _reception.Asked.Should().ContainSingle().Which.Should().Be($"/api/reception/units?ids={A1503.Id}&limit={UnitSearch.IdsPerCall}");
        Field(picker).SelectedItem.Should().Be(A1503);
    }

    [Fact]
    public void The_services_field_error_is_shown_with_the_field_and_it_is_labelled()
    {
        var picker = Render(message: "No such unit in this estate.");

        picker.Markup.Should().Contain("No such unit in this estate.").And.Contain("Unit");
        picker.Find("[data-testid=unit-picker]").Should().NotBeNull();
    }

    [Fact]
    public async Task A_list_of_units_is_labelled_in_one_call_per_hundred_ids()
    {
        var gateway = Context.Services.GetRequiredService<GatewayClient>();
        var ids = Enumerable.Range(0, 150).Select(_ => (Guid?)Guid.NewGuid()).Append(A1502.Id).Append(A1502.Id).Append(null);

        var units = await UnitSearch.ByIdAsync(gateway, ids, Xunit.TestContext.Current.CancellationToken);

        _reception.Asked.Should().HaveCount(2);
        units.Should().ContainSingle().Which.Value.Label.Should().Be("A – 1502");
    }
}
