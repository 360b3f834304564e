global using System.Net;
global using System.Text.Json.Nodes;
global using OktaEmulator.Tests.Support;
global using Xunit;
