global using System.Net;
global using System.Text.Json.Nodes;
global using KeyVaultEmulator;
global using KeyVaultEmulator.Tests.Support;
global using KeyVaultEmulator.Vault;
global using Xunit;
