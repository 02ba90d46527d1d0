// Makes the procedure chat conversational without reloading; the page works without it.
(function () {
  "use strict";
  var print = document.querySelector(".print-button");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var form = document.getElementById("chat-form");
  var log = document.getElementById("chat-log");
  if (!form || !log || !window.fetch) return;
  var input = document.getElementById("question");
  var conversation = document.getElementById("conversation");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function feedback(reply, box) {
    var wrap = el("p", "feedback", "Câu trả lời có giúp ích không? ");
    [["👍 Có ích", true], ["👎 Chưa đúng", false]].forEach(function (item) {
      var b = el("button", "button small secondary", item[0]);
      b.type = "button";
            b.addEventListener("click", function () {
        fetch("/api/v1/assistant/procedures/feedback", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ question_id: reply.question_id, conversation: reply.conversation, helpful: item[1] })
        }).then(function () { wrap.textContent = "Cảm ơn bạn đã góp ý."; });
      });
      wrap.appendChild(b);
      wrap.appendChild(document.createTextNode(" "));
    });
    box.appendChild(wrap);
  }

  function show(reply) {
    var box = el("div", "bubble bot " + reply.kind);
    box.appendChild(el("div", "prewrap", reply.answer));
    if (reply.kind === "answer" && !reply.verified) {
      var tagLine = el("p");
      tagLine.appendChild(el("span", "tag red", "chưa xác minh"));
      box.appendChild(tagLine);
    }
    if (reply.choices && reply.choices.length) {
      var choices = el("div", "choices");
      reply.choices.forEach(function (c, i) {
        var b = el("button", "button small secondary", (i + 1) + ". " + c.name);
        b.type = "button";
        b.addEventListener("click", function () { ask(String(i + 1)); });
        choices.appendChild(b);
        choices.appendChild(document.createTextNode(" "));
      });
      box.appendChild(choices);
    }
    if (reply.citations && reply.citations.length) {
      var details = el("details", "citations");
      details.appendChild(el("summary", null, "Nguồn, căn cứ"));
      var list = el("ul");
      reply.citations.forEach(function (c) { list.appendChild(el("li", null, c)); });
      details.appendChild(list);
      box.appendChild(details);
    }
    if (reply.procedure) {
      var links = el("p", "small-links");
      var a = el("a", null, "Xem thủ tục");
      a.href = "/thu-tuc/" + encodeURIComponent(reply.procedure.code);
      var b = el("a", null, "Danh sách giấy tờ để in");
      b.href = a.href + "/giay-to";
      links.appendChild(a);
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(b);
      box.appendChild(links);
    }
    if (reply.kind === "answer" && reply.question_id) feedback(reply, box);
    log.appendChild(box);
    box.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function ask(question) {
    log.appendChild(el("div", "bubble me", question));
    fetch("/api/v1/assistant/procedures", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: question, conversation: conversation.value || undefined })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      if (!res.ok) { log.appendChild(el("div", "alert", res.body.error ? res.body.error.message : "Có lỗi, hãy thử lại.")); return; }
      conversation.value = res.body.conversation;
      show(res.body);
    }).catch(function () { log.appendChild(el("div", "alert", "Không kết nối được máy chủ. Hãy thử lại.")); });
  }

  form.addEventListener("submit", function (event) {
    var question = input.value.trim();
    if (!question) return;
    event.preventDefault();
    input.value = "";
    ask(question);
  });
})();
