<#
.SYNOPSIS
    Generates MAML help (en-US/OktaServiceApp.dll-Help.xml) from the cmdlets' XML doc comments.

.DESCRIPTION
    One source of truth: the synopsis, description and examples live in the /// comments of each cmdlet class, and each
    parameter's description in the /// comment of its property. Syntax (parameter sets, positions, pipeline input) is read from
    the imported module itself, so the help can never disagree with the code. Run in a fresh pwsh by build.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocXmlPath,
    [Parameter(Mandatory)] [string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module (Join-Path $ModulePath 'OktaServiceApp.psd1') -PassThru
$docs = [xml](Get-Content $DocXmlPath -Raw)
$members = @{}
foreach ($member in $docs.doc.members.member) { $members[$member.name] = $member }
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Escape([string] $text) { [System.Security.SecurityElement]::Escape($text) }

# The XML adapter gives a plain string for an element with only text, and an XmlElement otherwise.
function Get-Inner($node) { if ($node -is [string]) { $node } elseif ($null -eq $node) { '' } else { $node.InnerText } }

function Get-Text($node) {
    if ($null -eq $node) { return '' }
    (((Get-Inner $node) -split "`n") | ForEach-Object { $_.Trim() }) -join ' ' -replace '\s+', ' ' -replace '^\s|\s$', ''
}

function Get-Para($member, [string] $type) {
    if ($null -eq $member) { return '' }
    $para = $member.summary.para | Where-Object { $_.type -eq $type } | Select-Object -First 1
    if ($para) { return Get-Text $para }
    if ($type -eq 'description' -and $member.summary) { return Get-Text $member.summary }
    ''
}

function Get-PipelineInput($parameter) {
    $kinds = @()
    foreach ($set in $parameter.ParameterSets.Values) {
        if ($set.ValueFromPipeline) { $kinds += 'ByValue' }
        if ($set.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    }
    $kinds = $kinds | Select-Object -Unique
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-ParameterXml($parameter, $setInfo, [string] $description) {
    $required = if ($setInfo) { $setInfo.IsMandatory } else { @($parameter.ParameterSets.Values | Where-Object IsMandatory).Count -gt 0 }
    $positions = if ($setInfo) { @($setInfo.Position) } else { @($parameter.ParameterSets.Values.Position) }
    $position = @($positions | Where-Object { $_ -ge 0 } | Select-Object -First 1)
    $position = if ($position.Count) { $position[0] } else { 'named' }
    $isSwitch = $parameter.ParameterType -eq [switch]
    $value = if ($isSwitch) { '' } else { "<command:parameterValue required=`"true`">$(Escape $parameter.ParameterType.Name)</command:parameterValue>" }
    @"
<command:parameter required="$("$required".ToLower())" globbing="false" pipelineInput="$(Get-PipelineInput $parameter)" position="$position">
  <maml:name>$($parameter.Name)</maml:name>
  <command:aliases>$(Escape ($parameter.Aliases -join ', '))</command:aliases>
  <maml:description><maml:para>$(Escape $description)</maml:para></maml:description>
  $value
  <dev:type><maml:name>$(Escape $parameter.ParameterType.FullName)</maml:name></dev:type>
</command:parameter>
"@
}

$commands = foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $type = $command.ImplementingType
    $doc = $members["T:$($type.FullName)"]
    $synopsis = Get-Para $doc 'synopsis'
    $description = Get-Para $doc 'description'
    if (-not $synopsis -or -not $description) { throw "$($command.Name): the class needs a synopsis and a description para." }

    $parameterDescriptions = @{}
    foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin $common }) {
        $declaring = $type.GetProperty($parameter.Name).DeclaringType.FullName
        $text = Get-Para $members["P:$declaring.$($parameter.Name)"] 'description'
        if (-not $text) { throw "$($command.Name) -$($parameter.Name): the property needs a description." }
        $parameterDescriptions[$parameter.Name] = $text
    }

    $syntax = foreach ($set in $command.ParameterSets) {
        $items = foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            Get-ParameterXml $command.Parameters[$p.Name] $p $parameterDescriptions[$p.Name]
        }
        "<command:syntaxItem><maml:name>$($command.Name)</maml:name>$($items -join "`n")</command:syntaxItem>"
    }
    $parameters = foreach ($name in $parameterDescriptions.Keys | Sort-Object) {
        Get-ParameterXml $command.Parameters[$name] $null $parameterDescriptions[$name]
    }

    $examples = @($doc.example)
    if ($examples.Count -lt 2) { throw "$($command.Name): needs at least two examples." }
    $i = 0
    $exampleXml = foreach ($example in $examples) {
        $i++
        $code = ((Get-Inner $example.code) -split "`n" | ForEach-Object { $_.Trim() }) -join "`n"
        @"
<command:example>
  <maml:title>-------------------------- EXAMPLE $i --------------------------</maml:title>
  <dev:code>$(Escape $code.Trim())</dev:code>
  <dev:remarks><maml:para>$(Escape (Get-Text $example.para))</maml:para></dev:remarks>
</command:example>
"@
    }

    $outputs = foreach ($t in $type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true)) {
        foreach ($name in $t.Type) { "<command:returnValue><dev:type><maml:name>$(Escape $name.Name)</maml:name></dev:type></command:returnValue>" }
    }

    @"
<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">
  <command:details>
    <command:name>$($command.Name)</command:name>
    <maml:description><maml:para>$(Escape $synopsis)</maml:para></maml:description>
    <command:verb>$($command.Verb)</command:verb>
    <command:noun>$($command.Noun)</command:noun>
  </command:details>
  <maml:description><maml:para>$(Escape $description)</maml:para></maml:description>
  <command:syntax>$($syntax -join "`n")</command:syntax>
  <command:parameters>$($parameters -join "`n")</command:parameters>
  <command:returnValues>$($outputs -join "`n")</command:returnValues>
  <command:examples>$($exampleXml -join "`n")</command:examples>
  <command:relatedLinks><maml:navigationLink><maml:linkText>about_OktaServiceApp</maml:linkText></maml:navigationLink></command:relatedLinks>
</command:command>
"@
}

$maml = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`n<helpItems schema=`"maml`" xmlns=`"http://msh`">`n$($commands -join "`n")`n</helpItems>`n"
[xml]$maml | Out-Null  # must be well-formed before it ships
[System.IO.File]::WriteAllText($OutputPath, $maml, [System.Text.UTF8Encoding]::new($false))
Write-Host "==> help for $(@($commands).Count) cmdlets written to $OutputPath"
