/* Read aloud: a button before each lesson, piece of work and message, only where the browser can speak. */
(function () {
  if (!('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') return;
  var root = document.documentElement;
  var play = root.getAttribute('data-read-aloud-play');
  var stop = root.getAttribute('data-read-aloud-stop');
  var speaking = null;
  function done() {
    if (speaking) speaking.textContent = play;
    speaking = null;
  }
  Array.prototype.forEach.call(document.querySelectorAll('main .rich-text, main .message-body'), function (block) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--small read-aloud';
    button.textContent = play;
    button.addEventListener('click', function () {
      var again = speaking === button;
      window.speechSynthesis.cancel();
      done();
      if (again) return;
      var utterance = new window.SpeechSynthesisUtterance(block.innerText);
      utterance.lang = 'fr-FR';
      utterance.onend = utterance.onerror = function () {
        if (speaking === button) done();
      };
      speaking = button;
      button.textContent = stop;
      window.speechSynthesis.speak(utterance);
    });
    block.parentNode.insertBefore(button, block);
  });
})();
