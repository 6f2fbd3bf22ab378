using Aspire.Hosting.Testing;
using PropertyPlatform.AppHost.Hosting;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>The state folder's files: what --clean may delete, who may enter it, who may read its secrets.</summary>
public sealed class StateFolderTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly DirectoryInfo _parent = TestState.CreateDirectory("state-folder");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IDistributedApplicationTestingBuilder> ModelAsync(string state, params string[] extra) =>
        AppHostTesting.CreateBuilderAsync(new DirectoryInfo(state), Ct, [AppHostTesting.InfrastructureOnly, .. extra]);

    [Fact]
    public async Task Clean_refuses_a_folder_that_is_not_a_state_folder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_parent.FullName, "documents")).FullName;
        File.WriteAllText(Path.Combine(folder, "thesis.txt"), "years of work");

        var clean = async () => await ModelAsync(folder, "--clean");

        (await clean.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain($"--clean refuses to empty {folder}");
        File.Exists(Path.Combine(folder, "thesis.txt")).Should().BeTrue();
    }

    [Fact]
    public async Task Clean_empties_a_state_folder_it_made_and_one_from_before_the_marker()
    {
        var made = Path.Combine(_parent.FullName, "made");
        await ModelAsync(made);
        File.WriteAllText(Path.Combine(made, "postgres", "leftover"), "");
        File.Exists(Path.Combine(made, StateFolder.MarkerFileName)).Should().BeTrue();

        var fromBefore = Path.Combine(_parent.FullName, ".state");
        foreach (var subfolder in new[] { "postgres", "messaging", "secrets", "identity-keys" })
        {
            Directory.CreateDirectory(Path.Combine(fromBefore, subfolder));
        }

        File.WriteAllText(Path.Combine(fromBefore, "postgres", "leftover"), "");

        await ModelAsync(made, "--clean");
        await ModelAsync(fromBefore, "--clean");

        File.Exists(Path.Combine(made, "postgres", "leftover")).Should().BeFalse();
        File.Exists(Path.Combine(fromBefore, "postgres", "leftover")).Should().BeFalse();
    }

    [Fact]
    public async Task Secret_files_are_created_readable_by_their_owner_only_in_a_folder_only_the_owner_enters()
    {
        var state = Path.Combine(_parent.FullName, "state");

        await ModelAsync(state);

        File.GetUnixFileMode(Path.Combine(state, "secrets")).Should().Be(OwnerOnly, "a file is never readable through the folder, not even while it is written");
        foreach (var secret in new[] { "postgres.password", "messaging.password" })
        {
            File.GetUnixFileMode(Path.Combine(state, "secrets", secret)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task A_parent_folder_the_postgres_user_cannot_enter_is_named_and_left_alone()
    {
        var closed = Directory.CreateDirectory(Path.Combine(_parent.FullName, "closed"));
        closed.UnixFileMode = OwnerOnly;
        var state = Path.Combine(closed.FullName, "state");

        var builder = await ModelAsync(state);
        await using var app = await builder.BuildAsync(Ct);
        var start = async () => await app.StartAsync(Ct);

        (await start.Should().ThrowAsync<Exception>()).Which.ToString().Should()
            .Contain($"The postgres user cannot enter {closed.FullName}, above the state folder");
        File.GetUnixFileMode(closed.FullName).Should().Be(OwnerOnly, "folders above the state folder are the operator's");
        new DirectoryInfo(state).UnixFileMode.Should().HaveFlag(UnixFileMode.OtherExecute, "the state folder's own folders may be opened");
    }

    public void Dispose() => TestState.Delete(_parent);
}
