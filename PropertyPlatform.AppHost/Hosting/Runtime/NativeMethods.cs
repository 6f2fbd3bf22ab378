using System.Runtime.InteropServices;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>.NET cannot signal a process group or send SIGINT/SIGTERM to a child: libc's kill(2) can.</summary>
internal static partial class NativeMethods
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>Signals one process; false when it no longer exists.</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    /// <summary>Signals every process of the group led by <paramref name="processGroupId"/>.</summary>
    public static bool SignalGroup(int processGroupId, int signal) => processGroupId > 0 && Kill(-processGroupId, signal) == 0;
}
