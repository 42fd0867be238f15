using System.Net;
using System.Net.Sockets;

namespace GoMemLab.Tests.Support;

/// <summary>Loopback endpoints for the failure cases of the HTTP readers: a port nobody listens on, and one that never answers.</summary>
public static class Loopback
{
    /// <summary>A port that was free a moment ago: connecting to it is refused.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>A listener that accepts connections (the kernel's backlog does) but never writes a byte; stop it by disposing.</summary>
    public sealed class Silent : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public Silent() => _listener.Start();

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose() => _listener.Stop();
    }
}
