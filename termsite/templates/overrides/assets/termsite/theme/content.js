// Copied from mkdocs-material 9.8.1 (partials/javascripts/content.html), MIT licence; moved out of the page for CSP.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
