// The console's behaviour without inline script (the Content-Security-Policy allows scripts from the platform only):
// times in the viewer's zone, confirmations, progress of background jobs, and charts.
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // <time datetime="2026-12-05T10:00:00Z"> shown in the browser's zone; the UTC value stays in the title.
  function localTimes(root) {
    var fmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
    root.querySelectorAll('time[datetime]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (!isNaN(d.getTime())) {
        t.title = t.getAttribute('datetime');
        t.textContent = fmt.format(d);
      }
    });
    var zone = document.querySelector('footer .zone');
    if (zone) { zone.textContent = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local'; }
    // datetime-local inputs carry their UTC value in a hidden field named by data-utc-into.
    root.querySelectorAll('input[type="datetime-local"][data-utc-into]').forEach(function (input) {
      var hidden = document.getElementById(input.getAttribute('data-utc-into'));
      if (hidden && hidden.value && !input.value) {
        var d = new Date(hidden.value);
        if (!isNaN(d.getTime())) {
          var local = new Date(d.getTime() - d.getTimezoneOffset() * 60000);
          input.value = local.toISOString().slice(0, 16);
        }
      }
      input.addEventListener('change', function () {
        var d = new Date(input.value);
        if (hidden) { hidden.value = isNaN(d.getTime()) ? '' : d.toISOString(); }
      });
    });
  }

  // <form data-confirm="text"> asks before it is sent.
  function confirmations(root) {
    root.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); }
      });
    });
  }

  // <div data-poll="url" data-poll-done="DONE,FAILED"> reloads the page when the job's JSON state is final.
  function polling(root) {
    root.querySelectorAll('[data-poll]').forEach(function (el) {
      var url = el.getAttribute('data-poll');
      var finals = (el.getAttribute('data-poll-done') || 'DONE,FAILED,CANCELLED').split(',');
      var bar = el.querySelector('progress');
      var text = el.querySelector('.progress-text');
      function tick() {
        fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (job) {
            if (!job) { return; }
            var p = job.progress || job;
            if (bar && p.total) { bar.max = p.total; bar.value = p.read || 0; }
            if (text) { text.textContent = (p.read || 0) + ' of ' + (p.total || '?') + ' calls'; }
            if (finals.indexOf(job.state) >= 0) { window.location.reload(); } else { window.setTimeout(tick, 1000); }
          })
          .catch(function () { window.setTimeout(tick, 3000); });
      }
      window.setTimeout(tick, 1000);
    });
  }

  // <div class="chart" data-series="url" data-measure="asr"> draws the measure per window of every subject.
  function charts(root) {
    if (typeof uPlot === 'undefined') { return; }
    root.querySelectorAll('.chart[data-series]').forEach(function (el) {
      fetch(el.getAttribute('data-series'), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { draw(el, data, el.getAttribute('data-measure')); } });
    });
  }

  var COLOURS = ['#0b5cab', '#b3261e', '#1e7a34', '#8a5a00', '#6a3d9a', '#00838f', '#5d4037'];

  function draw(el, data, measure) {
    var subjects = {};
    var times = {};
    (data.windows || []).forEach(function (w) {
      var t = Date.parse(w.start) / 1000;
      times[t] = true;
      (subjects[w.subject] = subjects[w.subject] || {})[t] = w[measure];
    });
    var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
    var names = Object.keys(subjects).sort();
    var series = [{}];
    var columns = [xs];
    names.forEach(function (name, i) {
      series.push({ label: name, stroke: COLOURS[i % COLOURS.length], spanGaps: false });
      columns.push(xs.map(function (x) { var v = subjects[name][x]; return v === undefined ? null : v; }));
    });
    if (xs.length === 0) { el.textContent = 'No windows in this period.'; return; }
    var width = Math.max(320, el.clientWidth || 800);
    new uPlot({ title: el.getAttribute('data-title') || measure, width: width, height: 240, series: series,
      axes: [{}, { label: measure }] }, columns, el);
  }

  document.addEventListener('DOMContentLoaded', function () {
    localTimes(document);
    confirmations(document);
    polling(document);
    charts(document);
  });
  window.trunkline = { csrf: csrf };
}());
